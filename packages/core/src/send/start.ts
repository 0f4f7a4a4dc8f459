/**
 * The send queue's consumer for both its messages: a start (an editor approved a digest) is
 * fanned out onto the same queue, once; a job is delivered. The SendQueue Lambda runs it on AWS;
 * under `npm start` the app runs it in-process (`localDeliveries`), so approving a digest in the
 * desk delivers it from the running app as the send queue does on AWS.
 */
import type { Context } from "../context.ts";
import { memoizeAsync } from "../memo.ts";
import { afterResponse, localQueue, type LocalQueue } from "../queue/local.ts";
import type { Consume, Queue } from "../queue/queue.ts";
import { asConsume, createConsumer, sendRate, type DeliverJob } from "./consumer.ts";
import type { JobOutcome } from "./deliver.ts";
import { fanOut } from "./fan-out.ts";
import { SendMessage, type SendJob } from "./job.ts";
import { TokenBucket } from "./pace.ts";

/**
 * @param queue where a start puts the digest's jobs (the send queue itself)
 * @example sqsRecordHandler(SendMessage, sendQueueConsumer(ctx, deliver, queue), ctx.log)
 */
export function sendQueueConsumer(
  ctx: Context,
  deliver: DeliverJob,
  queue: Queue<SendJob>,
  onOutcome?: (outcome: JobOutcome) => void,
): Consume<SendMessage> {
  // With the log: a job that fails is delivered again later (as SQS would), not thrown.
  const consumeJob = asConsume(deliver, onOutcome, ctx.log);
  return async (message) => {
    if ("start" in message) {
      const { recipients } = await fanOut(ctx, message.week, queue, { once: true });
      ctx.log.info("send: delivery started", { week: message.week, recipients });
      return "done";
    }
    return consumeJob(message);
  };
}

/**
 * The app's in-process send queue (`npm start`, tests): messages are taken after the response
 * that queued them, delivered by the same consumer code as the Lambda, at the account's rate.
 */
export function localDeliveries(ctx: Context): LocalQueue<SendMessage> {
  const deliverer = memoizeAsync(async () => createConsumer(ctx, { pace: new TokenBucket(await sendRate(ctx)) }));
  const deliver: DeliverJob = async (job, signal) => (await deliverer())(job, signal);
  const queue: LocalQueue<SendMessage> = localQueue<SendMessage>((message) => consume(message), {
    schema: SendMessage,
    log: ctx.log,
    concurrency: ctx.config.sendConsumers,
    maxReceives: 5,
    retryDelayMs: 1_000,
  });
  // A start's jobs go straight onto the queue (not after a response): drained() waits for them too.
  const consume = sendQueueConsumer(ctx, deliver, queue);
  return afterResponse(queue);
}
