/**
 * The local SES behind a faulty hop (faulty-hop.ts) that answers some SendEmail calls the way
 * SES does when it throttles, fails or refuses, and passes the rest through.
 */
import { faultyHop } from "./faulty-hop.ts";

export type Fault = "throttle" | "server-error" | "reject" | "paused";

/** Decides, per SendEmail request, whether it fails and how (undefined: pass it on). */
export type FaultPlan = (send: { n: number; to: string[] }) => Fault | undefined;

const answers: Record<Fault, { status: number; type: string; message: string }> = {
  throttle: { status: 429, type: "TooManyRequestsException", message: "Maximum sending rate exceeded." },
  "server-error": { status: 500, type: "InternalFailure", message: "Internal failure." },
  reject: { status: 400, type: "MessageRejected", message: "Email address is not verified." },
  paused: { status: 400, type: "SendingPausedException", message: "Sending is paused for this account." },
};

export interface FaultySes {
  endpoint: string;
  /** SendEmail calls seen, and how many were failed on purpose. */
  stats: { sends: number; faults: number };
  close(): Promise<void>;
}

export async function faultySes(target: string, plan: FaultPlan): Promise<FaultySes> {
  const stats = { sends: 0, faults: 0 };
  const hop = await faultyHop(target, ({ method, path, body }) => {
    if (method !== "POST" || path !== "/v2/email/outbound-emails") return undefined;
    const to = (JSON.parse(body.toString()) as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses;
    const fault = plan({ n: ++stats.sends, to: to ?? [] });
    if (!fault) return undefined;
    stats.faults++;
    const a = answers[fault];
    return {
      status: a.status,
      headers: { "content-type": "application/json", "x-amzn-errortype": a.type },
      body: JSON.stringify({ message: a.message }),
    };
  });
  return { ...hop, stats };
}
