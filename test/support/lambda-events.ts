/** Events shaped as AWS hands them to a Lambda, for invoking handlers in tests. */
import type { Context as LambdaContext, SQSEvent } from "aws-lambda";

/** An SQS batch: one record per message, `m-0`, `m-1`…; a string is sent as the body as it is. */
export const sqsEvent = (messages: (object | string)[]): SQSEvent =>
  ({
    Records: messages.map((message, i) => ({
      messageId: `m-${i}`,
      body: typeof message === "string" ? message : JSON.stringify(message),
      eventSource: "aws:sqs",
      attributes: { ApproximateReceiveCount: "1" },
    })),
  }) as unknown as SQSEvent;

/** A Lambda context with minutes to go. */
export const lambdaContext = (functionName: string) =>
  ({ getRemainingTimeInMillis: () => 300_000, functionName }) as unknown as LambdaContext;
