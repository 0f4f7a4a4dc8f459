/** The send queue's message: a batch of recipients of one digest (one SQS message, one consumer call). */
import { z } from "zod";
import { isWeekName } from "../digest/week.ts";
import { SUBSCRIBER_ID_PREFIX } from "../subscription/id.ts";

export const SendJob = z.object({
  /** The digest's ISO week, e.g. `2026-W20`. */
  week: z.string().refine((w): boolean => isWeekName(w), "not an ISO week"),
  subscriberIds: z.array(z.string().startsWith(SUBSCRIBER_ID_PREFIX)).min(1),
});
export type SendJob = z.infer<typeof SendJob>;
