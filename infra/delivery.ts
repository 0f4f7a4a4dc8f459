/**
 * Delivery: the weekly job puts batches of recipients on the send queue; a few consumers send
 * them, each at its share of the account's SES rate. A job that keeps failing goes to the DLQ.
 * An editor's approval (the Api) puts one start message on it, which a consumer fans out onto it.
 */
import { cdn } from "./cdn.ts";
import { email } from "./email.ts";
import { environment, fn, themes } from "./function.ts";
import { settings } from "./settings.ts";
import { table, tokenSecrets } from "./storage.ts";

const sendConsumers = 2;

export const sendDeadLetters = new sst.aws.Queue("SendDeadLetters", { visibilityTimeout: "5 minutes" });

export const sendQueue = new sst.aws.Queue("SendQueue", {
  // At least the consumer's timeout, so a job is never handed to two consumers at once.
  visibilityTimeout: "6 minutes",
  dlq: { queue: sendDeadLetters.arn, retry: 8 },
});

export const sendConsumer = sendQueue.subscribe(
  {
    ...fn,
    handler: "packages/functions/src/lambda/send.handler",
    environment: {
      ...environment,
      ...themes.environment,
      SEND_CONSUMERS: String(sendConsumers),
      SEND_RATE: settings.sendRate,
    },
    // Readers' chosen themes are matched against the newsletter's themes file.
    copyFiles: themes.copyFiles,
    // `cdn` for its URL: the readers' links' base when PUBLIC_URL is not set; `sendQueue` for
    // the jobs of a start message.
    link: [table, ...tokenSecrets, email, cdn, sendQueue],
    // MaxSendRate comes from the account; the identity's own permissions come with `email`.
    permissions: [{ actions: ["ses:GetAccount"], resources: ["*"] }],
    memory: "512 MB",
    timeout: "5 minutes",
  },
  {
    // One job (50 recipients) per call keeps each call well inside its timeout at any rate.
    batch: { size: 1, partialResponses: true },
    // At most `sendConsumers` at once, capped at the queue (not by reserved concurrency, which
    // new accounts cannot spare and which would bounce throttled jobs towards the DLQ).
    transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: sendConsumers } } },
  },
);
