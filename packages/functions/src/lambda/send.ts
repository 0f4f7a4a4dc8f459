/**
 * The send queue's consumer: each SQS message is a batch of recipients of one digest. A job
 * with recipients SES could not take now is reported failed (partial batch response), so SQS
 * delivers it again later; after maxReceiveCount it lands in the dead-letter queue.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context as LambdaContext, SQSEvent, SQSRecord } from "aws-lambda";
import { createContext } from "@tidings/core/context";
import { createConsumer, sendRate, verdict, type DeliverJob } from "@tidings/core/send/consumer";
import { TokenBucket } from "@tidings/core/send/pace";
import type { SendJob } from "@tidings/core/send/queue";

const ctx = createContext();
const processor = new BatchProcessor(EventType.SQS);

// Each consumer keeps to its share of the account's send rate, asked of SES on first use (and
// asked again if that failed).
let consumer: Promise<DeliverJob> | undefined;
const deliverer = () =>
  (consumer ??= sendRate(ctx)
    .then((rate) => createConsumer(ctx, { pace: new TokenBucket(rate / ctx.config.sendConsumers) }))
    .catch((e: unknown) => {
      consumer = undefined;
      throw e;
    }));

/** Time kept back from the Lambda timeout to record what was sent and answer SQS. */
const MARGIN_MS = 15_000;

export async function handler(event: SQSEvent, context: LambdaContext) {
  const deliver = await deliverer();
  const deadline = AbortSignal.timeout(Math.max(1_000, context.getRemainingTimeInMillis() - MARGIN_MS));
  const record = async (r: SQSRecord) => {
    const outcome = await deliver(JSON.parse(r.body) as SendJob, deadline);
    if (verdict(outcome) === "retry") throw new Error("some recipients could not be sent now: deliver again later");
  };
  // A job handed back is routine (throttling): answer with its id rather than fail the invocation.
  return processPartialResponse(event, record, processor, { context, throwOnFullBatchFailure: false });
}
