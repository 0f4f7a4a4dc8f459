/**
 * The client address as the platform reports it, for rate limits: the Lambda request context
 * (function URL `sourceIp`) on AWS, or behind CloudFront the edge's word. Never a header a client can set. (Served by Node on a
 * laptop, it is the TCP peer: `socketClientAddress` in @tidings/local/serve.)
 */
import type { Context as HonoContext } from "hono";
import { getConnInfo as lambdaConnInfo } from "hono/aws-lambda";
import { VIEWER_ADDRESS_HEADER } from "./edge.ts";

export const lambdaClientAddress = (c: HonoContext) => lambdaConnInfo(c).remote.address ?? "unknown";

/**
 * Behind CloudFront the request context's address is an edge server's: the reader's is the one
 * the edge writes (edge.ts; no client can set it there), else the context's.
 */
export const cdnClientAddress = (c: HonoContext) => c.req.header(VIEWER_ADDRESS_HEADER) ?? lambdaClientAddress(c);
