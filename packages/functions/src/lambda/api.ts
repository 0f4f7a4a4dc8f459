import { handle } from "hono/aws-lambda";
import { createContext } from "@tidings/core/context";
import { flushingMetrics } from "@tidings/core/metrics";
import { sqsQueue } from "@tidings/core/queue/sqs";
import type { SignInMessage } from "@tidings/core/admin/sign-in-mail";
import type { SendMessage } from "@tidings/core/send/job";
import type { ConfirmationMessage } from "@tidings/core/subscription/confirmation-outbox";
import { createApp } from "../app/app.ts";
import { cdnClientAddress, lambdaClientAddress } from "../app/client-address.ts";

const ctx = createContext();
// Signups' confirmation emails are sent by the ConfirmQueue consumer (lambda/confirm.ts), never here.
const confirmations = sqsQueue<ConfirmationMessage>(ctx.sqs, ctx.config.confirmQueueUrl, "ConfirmQueue");
// The desk's sign-in links leave through the same outbox (its consumer takes both kinds).
const deskMail = sqsQueue<SignInMessage>(ctx.sqs, ctx.config.confirmQueueUrl, "ConfirmQueue");

// Approving a digest puts one start message on the SendQueue; its consumer fans the digest out.
const deliveries = sqsQueue<SendMessage>(ctx.sqs, ctx.config.sendQueueUrl, "SendQueue");

const clientAddress = ctx.config.behindCdn ? cdnClientAddress : lambdaClientAddress;

export const handler = flushingMetrics(
  ctx.metrics,
  handle(createApp({ ctx, confirmations, deskMail, deliveries, clientAddress })),
);
