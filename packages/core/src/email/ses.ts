/** The SES v2 adapter's client: the real API on AWS, aws-ses-v2-local on a laptop. */
import { SESv2Client } from "@aws-sdk/client-sesv2";

export interface SesOptions {
  region: string;
  /** A local endpoint (aws-ses-v2-local); omit on AWS. */
  endpoint?: string | undefined;
}

export function createSes({ region, endpoint }: SesOptions): SESv2Client {
  return new SESv2Client({
    region,
    // Throttling and 5xx are retried by the send pipeline itself, with its own pacing.
    maxAttempts: 1,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
}
