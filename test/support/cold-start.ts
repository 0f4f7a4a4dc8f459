/**
 * Handler modules loaded afresh in this process, as a Lambda's cold start loads them, for the
 * handlers' own tests (the built packages run in test/lambda). Events: test/support/events.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context as LambdaContext } from "aws-lambda";
import { vi } from "vitest";
import type { TestServices } from "./services.ts";

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
