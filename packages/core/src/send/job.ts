/** The send queue's messages: a batch of recipients of one digest (one SQS message, one consumer call), or the start of a delivery. */
import { z } from "zod";
import { isWeekName } from "../digest/week.ts";
import { SUBSCRIBER_ID_PREFIX } from "../subscription/id.ts";

export const SendJob = z.object({
  /** The digest's ISO week, e.g. `2026-W20`. */
  week: z.string().refine((w): boolean => isWeekName(w), "not an ISO week"),
  subscriberIds: z.array(z.string().startsWith(SUBSCRIBER_ID_PREFIX)).min(1),
});
export type SendJob = z.infer<typeof SendJob>;

/**
 * The send queue's other message: start a digest's delivery (an editor approved it). Its consumer
 * fans the digest out onto the same queue: the Api only says "start", within its short timeout.
 */
export const StartDelivery = z.object({
  week: z.string().refine((w): boolean => isWeekName(w), "not an ISO week"),
  start: z.literal(true),
});
export type StartDelivery = z.infer<typeof StartDelivery>;

/** Whatever the send queue carries. */
export const SendMessage = z.union([SendJob, StartDelivery]);
export type SendMessage = z.infer<typeof SendMessage>;
