import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import type { Context } from "@tidings/core/context";
import { createApp } from "../app/app.ts";
import { socketClientAddress } from "../app/client-address.ts";

/** Serves the app over HTTP on this machine; resolves once it listens. */
export function serveApp(ctx: Context, port: number, hostname = "0.0.0.0"): Promise<Server> {
  const app = createApp({ ctx, clientAddress: socketClientAddress });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, () => resolve(server as Server)) as Server;
    server.once("error", reject);
  });
}
