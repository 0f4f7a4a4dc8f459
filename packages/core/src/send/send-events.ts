/**
 * SES "Send" events close the one gap a crash can leave: SES took the message, but the consumer
 * died before completing its send record. The configuration set publishes a Send event for every
 * accepted message, tagged with the digest and the reader (see deliver.ts); it completes the
 * record long before the claim could time out, so nobody gets a second copy. (The local SES
 * publishes no events: there, that gap of one DynamoDB write remains.)
 */
import { z } from "zod";
import type { Context } from "../context.ts";
import { confirmSent } from "../store/sends.ts";

const SendEvent = z
  .object({
    eventType: z.literal("Send"),
    mail: z
      .object({
        messageId: z.string(),
        timestamp: z.string().optional(),
        tags: z.object({ digest: z.array(z.string()).min(1), subscriber: z.array(z.string()).min(1) }).loose(),
      })
      .loose(),
  })
  .loose();

export const isSendEvent = (record: unknown) => (record as { eventType?: unknown } | null)?.eventType === "Send";

/** Completes the send record an SES Send event speaks of; true when it was still open. */
export async function recordSendEvent(ctx: Context, record: unknown): Promise<boolean> {
  const event = SendEvent.safeParse(record);
  if (!event.success) return false; // a Send event of another email (a confirmation, a test copy)
  const { messageId, timestamp, tags } = event.data.mail;
  const at = timestamp ? Date.parse(timestamp) : Date.now();
  const completed = await confirmSent(ctx.db, tags.digest[0]!, tags.subscriber[0]!, messageId, at);
  if (completed)
    ctx.log.info("send event: completed a send record its consumer left open", {
      week: tags.digest[0],
      subscriber: tags.subscriber[0],
    });
  return completed;
}
