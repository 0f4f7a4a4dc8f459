/**
 * The confirmation outbox's consumer (sst.aws.Queue "ConfirmQueue"): each SQS message is one
 * signup; the email goes out only if the signup made one due. A message that fails (storage
 * trouble, an email that cannot be rendered) or is not a confirmation message is reported in the
 * partial batch response, so SQS delivers it again, then dead-letters it.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context as LambdaContext, SQSEvent } from "aws-lambda";
import { createContext } from "@tidings/core/context";
import { sqsRecordHandler } from "@tidings/core/queue/sqs";
import { ConfirmationMessage, confirmationConsumer } from "@tidings/core/subscription/confirmation-outbox";

const ctx = createContext();
const processor = new BatchProcessor(EventType.SQS);
const record = sqsRecordHandler(ConfirmationMessage, confirmationConsumer(ctx), ctx.log);

export const handler = (event: SQSEvent, context: LambdaContext) =>
  processPartialResponse(event, record, processor, { context, throwOnFullBatchFailure: false });
