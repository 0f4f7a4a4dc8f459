/**
 * The confirmation outbox's consumer (sst.aws.Queue "ConfirmQueue"): each SQS message is one
 * signup; the email goes out only if the signup made one due. A message that fails (storage
 * trouble) is reported in the partial batch response, so SQS delivers it again, then dead-letters it.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context as LambdaContext, SQSEvent, SQSRecord } from "aws-lambda";
import { createContext } from "@tidings/core/context";
import { ConfirmationMessage, confirmationConsumer } from "@tidings/core/subscription/confirmation-outbox";

const ctx = createContext();
const processor = new BatchProcessor(EventType.SQS);
const consume = confirmationConsumer(ctx);

async function record(r: SQSRecord) {
  const message = ConfirmationMessage.safeParse(JSON.parse(r.body));
  if (!message.success) return ctx.log.warn("confirm queue: not a confirmation message, dropped", { id: r.messageId });
  await consume(message.data);
}

export const handler = (event: SQSEvent, context: LambdaContext) =>
  processPartialResponse(event, record, processor, { context });
