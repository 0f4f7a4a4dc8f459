/**
 * The send queue's consumer: each SQS message is a batch of recipients of one digest, or the
 * start of a digest's delivery (an editor approved it in the Api), which it fans out onto this
 * same queue (send/start.ts). A job with recipients SES could not take now, or a body that is
 * not a message of this queue, is reported failed (partial batch response), so SQS delivers it
 * again later; after maxReceiveCount it lands in the dead-letter queue.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context as LambdaContext, SQSEvent } from "aws-lambda";
import { createContext } from "@tidings/core/context";
import { flushingMetrics } from "@tidings/core/metrics";
import { memoizeAsync } from "@tidings/core/memo";
import type { Queue } from "@tidings/core/queue/queue";
import { sqsQueue, sqsRecordHandler } from "@tidings/core/queue/sqs";
import { createConsumer, sendRate } from "@tidings/core/send/consumer";
import { SendMessage, type SendJob } from "@tidings/core/send/job";
import { TokenBucket } from "@tidings/core/send/pace";
import { sendQueueConsumer } from "@tidings/core/send/start";

const ctx = createContext();
const processor = new BatchProcessor(EventType.SQS);
// A start's jobs go back onto this queue (linked to its own consumer); made when a start comes.
let sendQueue: Queue<SendJob> | undefined;
const queue: Queue<SendJob> = {
  enqueue: (jobs) => (sendQueue ??= sqsQueue<SendJob>(ctx.sqs, ctx.config.sendQueueUrl, "SendQueue")).enqueue(jobs),
};

// Each consumer keeps to its share of the account's send rate, asked of SES on first use.
const deliverer = memoizeAsync(async () =>
  createConsumer(ctx, { pace: new TokenBucket((await sendRate(ctx)) / ctx.config.sendConsumers) }),
);

/** Time kept back from the Lambda timeout to record what was sent and answer SQS. */
const MARGIN_MS = 15_000;

export const handler = flushingMetrics(ctx.metrics, async (event: SQSEvent, context: LambdaContext) => {
  const deliver = await deliverer();
  const deadline = AbortSignal.timeout(Math.max(1_000, context.getRemainingTimeInMillis() - MARGIN_MS));
  const record = sqsRecordHandler(
    SendMessage,
    sendQueueConsumer(ctx, (job) => deliver(job, deadline), queue),
    ctx.log,
  );
  // A job handed back is routine (throttling): answer with its id rather than fail the invocation.
  return processPartialResponse(event, record, processor, { context, throwOnFullBatchFailure: false });
});
