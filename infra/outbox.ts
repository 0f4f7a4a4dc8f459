/**
 * The signup outbox: POST /subscribe does the same work for every address and queues one message
 * here, so its timing says nothing about who is subscribed; the Api needs no SES rights. Its
 * consumer is in infra/confirmations.ts: it needs the app's URL, and the app needs this queue.
 */
export const confirmDeadLetters = new sst.aws.Queue("ConfirmDeadLetters");

export const confirmQueue = new sst.aws.Queue("ConfirmQueue", {
  // Six times the consumer's timeout (AWS's advice for Lambda consumers): never two at once.
  visibilityTimeout: "3 minutes",
  dlq: { queue: confirmDeadLetters.arn, retry: 5 },
});
