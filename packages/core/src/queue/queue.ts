/**
 * Queues of messages of one kind: producers put messages in, a consumer takes each out. On AWS
 * an SQS queue with a dead-letter queue (sqs.ts); locally an in-process queue (local.ts) with the
 * same semantics: at-least-once delivery, redelivery of what failed, a dead-letter list. Every
 * body is read with its message's schema: one that does not fit is dead-lettered, never half-handled.
 * The messages: the send job (send/job.ts) and the confirmation (subscription/confirmation-outbox.ts).
 */
import type { z } from "zod";

export interface Queue<T> {
  enqueue(messages: T[]): Promise<void>;
}

/** What a consumer says of a message: done, or "deliver it again later". */
export type Consume<T> = (message: T) => Promise<"done" | "retry">;

export type Received<T> = { ok: true; message: T } | { ok: false; reason: string };

/** A message as its body is sent over the wire (JSON). */
export const bodyOf = (message: unknown) => JSON.stringify(message);

/** Reads a message body (JSON) with its schema: the message, or why it is not one. */
export function readBody<T>(schema: z.ZodType<T>, body: string): Received<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join(".") || "message"}: ${issue?.message ?? "does not fit"}` };
  }
  return { ok: true, message: parsed.data };
}
