/**
 * The client address as the platform reports it, for rate limits: the TCP peer locally, the
 * Lambda request context (function URL `sourceIp`) on AWS. Never a header a client can set.
 */
import type { Context as HonoContext } from "hono";
import { getConnInfo as lambdaConnInfo } from "hono/aws-lambda";
import { getConnInfo as socketConnInfo } from "@hono/node-server/conninfo";

export const socketClientAddress = (c: HonoContext) => socketConnInfo(c).remote.address ?? "unknown";

export const lambdaClientAddress = (c: HonoContext) => lambdaConnInfo(c).remote.address ?? "unknown";
