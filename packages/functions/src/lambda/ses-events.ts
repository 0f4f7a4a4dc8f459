/**
 * SES events, published by the configuration set to an SNS topic (sst.config.ts): hard bounces
 * and complaints suppress the address; Send events complete digest send records.
 */
import type { SNSEvent } from "aws-lambda";
import { createContext } from "@tidings/core/context";
import { flushingMetrics } from "@tidings/core/metrics";
import { handleSesNotifications } from "@tidings/core/email/ses-events";

const ctx = createContext();

export const handler = flushingMetrics(ctx.metrics, async (event: SNSEvent) => {
  await handleSesNotifications(ctx, event);
});
