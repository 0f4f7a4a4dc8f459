/**
 * The mail outbox's consumer (sst.aws.Queue "ConfirmQueue"): each SQS message is one signup's
 * confirmation (sent only if the signup made one due) or one sign-in request to the desk (a link
 * mailed only to an editor). A message that fails (storage trouble, an email that cannot be
 * rendered) or is neither is reported in the partial batch response, so SQS delivers it again,
 * then dead-letters it.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context as LambdaContext, SQSEvent } from "aws-lambda";
import { createContext } from "@tidings/core/context";
import { flushingMetrics } from "@tidings/core/metrics";
import { OutboxMessage, outboxConsumer } from "@tidings/core/queue/outbox";
import { sqsRecordHandler } from "@tidings/core/queue/sqs";

const ctx = createContext();
const processor = new BatchProcessor(EventType.SQS);
const record = sqsRecordHandler(OutboxMessage, outboxConsumer(ctx), ctx.log);

export const handler = flushingMetrics(ctx.metrics, (event: SQSEvent, context: LambdaContext) =>
  processPartialResponse(event, record, processor, { context, throwOnFullBatchFailure: false }),
);
