/**
 * What SES reports about the email it took, as the configuration set publishes it to an SNS
 * topic: hard bounces and complaints suppress the address (subscription/suppression.ts) and
 * count against their digest, whose send the reputation guard may pause
 * (send/delivery-events.ts); Send events complete digest send records (send/send-events.ts).
 */
import type { SNSEvent } from "aws-lambda";
import type { Context } from "../context.ts";
import { isSendEvent, recordSendEvent } from "../send/send-events.ts";
import { countDigestEvent, type DigestEventOutcome } from "../send/delivery-events.ts";
import { applySesEvent, type SesEventOutcome } from "../subscription/suppression.ts";

export type SesNotificationOutcome = SesEventOutcome & Partial<DigestEventOutcome>;

/**
 * Applies every SES record in an SNS delivery; a failure throws, so SNS retries the delivery.
 * A message that is not JSON is logged and skipped: no retry would make it readable.
 */
export async function handleSesNotifications(
  ctx: Context,
  event: SNSEvent,
  now = new Date(),
): Promise<SesNotificationOutcome[]> {
  const outcomes: SesNotificationOutcome[] = [];
  for (const record of event.Records) {
    let body: unknown;
    try {
      body = JSON.parse(record.Sns.Message);
    } catch {
      ctx.log.warn("ses event: message is not JSON, skipped", { messageId: record.Sns.MessageId });
      continue;
    }
    if (isSendEvent(body)) await recordSendEvent(ctx, body);
    else outcomes.push({ ...(await applySesEvent(ctx, body, now)), ...(await countDigestEvent(ctx, body, now)) });
  }
  return outcomes;
}
