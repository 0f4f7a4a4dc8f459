/**
 * The mail outbox on AWS (the ConfirmQueue and its consumer Lambda) carries two kinds of message:
 * signups' confirmations (subscription/confirmation-outbox.ts) and editors' sign-in links
 * (admin/sign-in-mail.ts). Each is read with its own schema and handed to its own consumer.
 */
import { z } from "zod";
import type { Context } from "../context.ts";
import { SignInMessage, signInConsumer } from "../admin/sign-in-mail.ts";
import { ConfirmationMessage, confirmationConsumer } from "../subscription/confirmation-outbox.ts";
import type { Consume } from "./queue.ts";

export const OutboxMessage = z.union([ConfirmationMessage, SignInMessage]);
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/** The consumer of both kinds. */
export function outboxConsumer(ctx: Context, now: () => Date = () => new Date()): Consume<OutboxMessage> {
  const confirm = confirmationConsumer(ctx, now);
  const signIn = signInConsumer(ctx, now);
  return (message) => ("subscriberId" in message ? confirm(message) : signIn(message));
}
