/** Events shaped as AWS hands them to a Lambda, and handler modules loaded as a Lambda loads them. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context as LambdaContext, SQSEvent } from "aws-lambda";
import { vi } from "vitest";
import type { TestServices } from "./services.ts";

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

/**
 * A handler module loaded afresh, as a Lambda's cold start loads it, with the configuration a
 * function of these services would have (`env` overrides it, e.g. an SES endpoint through a hop).
 *
 * @example const { handler } = await coldStart(services, () => import("@tidings/functions/lambda/send"));
 */
export async function coldStart<M>(
  services: TestServices,
  load: () => Promise<M>,
  env: Record<string, string> = {},
): Promise<M> {
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
    SES_ENDPOINT: services.sesEndpoint,
    TABLE_NAME: services.ctx.config.tableName,
    TOKEN_SECRET: services.ctx.config.tokenSecret,
    TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "lambda-")),
    ...env,
  });
  vi.resetModules();
  return load();
}
