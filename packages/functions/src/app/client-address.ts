/**
 * The client address as the platform reports it, for rate limits: the Lambda request context
 * (function URL `sourceIp`) on AWS. Never a header a client can set. (Served by Node on a
 * laptop, it is the TCP peer: `socketClientAddress` in @tidings/local/serve.)
 */
import type { Context as HonoContext } from "hono";
import { getConnInfo as lambdaConnInfo } from "hono/aws-lambda";

export const lambdaClientAddress = (c: HonoContext) => lambdaConnInfo(c).remote.address ?? "unknown";
