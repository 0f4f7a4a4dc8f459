import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context as HonoContext } from "hono";
import type { Context } from "@tidings/core/context";
import { createApp } from "@tidings/functions/app/app";

/** The client address for rate limits when Node serves the app: the TCP peer, never a header. */
export const socketClientAddress = (c: HonoContext) => getConnInfo(c).remote.address ?? "unknown";

/**
 * Serves the app over HTTP on this machine; resolves once it listens. It listens on HOST
 * (127.0.0.1 by default: a laptop's signup form is not for the café's network to use).
 */
export function serveApp(ctx: Context, port: number, hostname = ctx.config.host): Promise<Server> {
  const app = createApp({ ctx, clientAddress: socketClientAddress });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, () => resolve(server as Server)) as Server;
    server.once("error", reject);
  });
}
