/**
 * Behind CloudFront (infra/cdn.ts) the function URL's source IP is an edge server's; the reader's
 * address is the one the edge writes, and only the Api linked to the Cdn reads it.
 */
import type { LambdaFunctionURLEvent } from "aws-lambda";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { describe, expect, it } from "vitest";
import { readConfig } from "@tidings/core/config";
import { cdnClientAddress } from "@tidings/functions/app/client-address";
import { VIEWER_ADDRESS_HEADER } from "@tidings/functions/app/edge";

const edgeServer = "130.176.0.12";

async function seenBehindCdn(headers: Record<string, string>) {
  const app = new Hono().get("/", (c) => c.text(cdnClientAddress(c)));
  const event = {
    version: "2.0",
    rawPath: "/",
    rawQueryString: "",
    headers: { host: "abc.lambda-url.eu-west-1.on.aws", ...headers },
    requestContext: {
      http: { method: "GET", path: "/", sourceIp: edgeServer, protocol: "HTTP/1.1", userAgent: "Amazon CloudFront" },
    },
    isBase64Encoded: false,
  } as unknown as LambdaFunctionURLEvent;
  return ((await handle(app)(event as never)) as { body: string }).body;
}

describe("the client address behind CloudFront", () => {
  it("is the viewer's address the edge wrote, not the edge server's", async () => {
    expect(await seenBehindCdn({ [VIEWER_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.66" })).toBe(
      "203.0.113.9",
    );
  });

  it("falls back to the source IP when the edge wrote none", async () => {
    expect(await seenBehindCdn({})).toBe(edgeServer);
  });

  it("is read from the header only by an Api on AWS linked to the Cdn, never locally", () => {
    expect(readConfig({ TOKEN_SECRET: "x" }).behindCdn).toBe(false);
    expect(readConfig({ TOKEN_SECRET: "x", AWS_LAMBDA_FUNCTION_NAME: "Api", SST_RESOURCE_App: "{}" }).behindCdn).toBe(
      false,
    );
  });
});
