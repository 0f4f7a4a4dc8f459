/**
 * The send queue's consumer: each SQS message is a batch of recipients of one digest. A job
 * with recipients SES could not take now, or a body that is not a job, is reported failed
 * (partial batch response), so SQS delivers it again later; after maxReceiveCount it lands in
 * the dead-letter queue.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context as LambdaContext, SQSEvent } from "aws-lambda";
import { createContext } from "@tidings/core/context";
import { flushingMetrics } from "@tidings/core/metrics";
import { memoizeAsync } from "@tidings/core/memo";
import { sqsRecordHandler } from "@tidings/core/queue/sqs";
import { asConsume, createConsumer, sendRate } from "@tidings/core/send/consumer";
import { SendJob } from "@tidings/core/send/job";
import { TokenBucket } from "@tidings/core/send/pace";

const ctx = createContext();
const processor = new BatchProcessor(EventType.SQS);

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
    SendJob,
    asConsume((job) => deliver(job, deadline)),
    ctx.log,
  );
  // A job handed back is routine (throttling): answer with its id rather than fail the invocation.
  return processPartialResponse(event, record, processor, { context, throwOnFullBatchFailure: false });
});
