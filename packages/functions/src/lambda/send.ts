/**
 * The send queue's consumer: each SQS message is a batch of recipients of one digest. A job
 * with recipients SES could not take now is reported failed (partial batch response), so SQS
 * delivers it again later; after maxReceiveCount it lands in the dead-letter queue.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context as LambdaContext, SQSEvent, SQSRecord } from "aws-lambda";
import { createContext } from "@tidings/core/context";
import { createConsumer, sendRate, verdict } from "@tidings/core/send/consumer";
import { TokenBucket } from "@tidings/core/send/pace";
import type { SendJob } from "@tidings/core/send/queue";

const ctx = createContext();
const processor = new BatchProcessor(EventType.SQS);
// Each of the reserved consumers keeps to its share of the account's send rate.
const consume = sendRate(ctx).then((rate) =>
  createConsumer(ctx, { pace: new TokenBucket(rate / ctx.config.sendConsumers) }),
);

async function record(r: SQSRecord) {
  const outcome = await (await consume)(JSON.parse(r.body) as SendJob);
  if (verdict(outcome) === "retry") throw new Error("some recipients could not be sent now: deliver again later");
}

export const handler = (event: SQSEvent, context: LambdaContext) =>
  processPartialResponse(event, record, processor, { context });
