/**
 * What the HTTP methods may do, enforced once for every route:
 * - HEAD changes nothing, anywhere. Hono answers HEAD with the GET handler, and mail scanners
 *   send HEAD to every link: during a HEAD the routes get a Context whose table refuses writes
 *   and whose SES and SQS refuse every call, so a GET handler that writes fails closed (routes
 *   with a side effect on GET, the confirm link, answer HEAD without it).
 * - A method a path does not answer gets 405 with `Allow`, not 404.
 */
import type { Context as HonoContext, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { PatternRouter } from "hono/router/pattern-router";
import type { Context } from "@tidings/core/context";
import type { AppEnv } from "./env.ts";

// Reads the app does; anything else (a write, a batch write, a transaction) is refused under HEAD.
const reads = new Set([
  "GetCommand",
  "QueryCommand",
  "ScanCommand",
  "BatchGetCommand",
  "GetItemCommand",
  "BatchGetItemCommand",
  "DescribeTableCommand",
]);

class NotDuringHead extends Error {
  override name = "NotDuringHead";
}

function refusing<T extends object>(client: T, allowed: (command: object) => boolean, what: string): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== "send") return Reflect.get(target, prop, receiver);
      return (command: object, ...rest: unknown[]) =>
        allowed(command)
          ? (target as unknown as { send(...a: unknown[]): unknown }).send(command, ...rest)
          : Promise.reject(
              new NotDuringHead(`${what} ${command.constructor.name} refused: a HEAD request changes nothing`),
            );
    },
  });
}

/** The same Context, unable to change anything. */
export function readOnly(ctx: Context): Context {
  return {
    ...ctx,
    db: { ...ctx.db, client: refusing(ctx.db.client, (c) => reads.has(c.constructor.name), "DynamoDB") },
    ses: refusing(ctx.ses, () => false, "SES"),
    sqs: refusing(ctx.sqs, () => false, "SQS"),
  };
}

/** Under HEAD, the routes see a read-only Context and an outbox that takes nothing. */
export const headChangesNothing = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "HEAD") {
    c.set("ctx", readOnly(c.var.ctx));
    c.set("confirmations", { enqueue: async () => {} });
    c.set("deskMail", { enqueue: async () => {} });
  }
  await next();
});

/**
 * The methods each path answers, from the app's own routes (middleware excluded), for 405s.
 *
 * @example app.notFound((c) => methodNotAllowed(c) ?? notFound(c))
 */
export function allowedMethods(app: Hono<AppEnv>): (c: HonoContext) => Response | undefined {
  let router: PatternRouter<string> | undefined;
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
  return (c) => {
    if (!router) {
      router = new PatternRouter<string>();
      for (const r of app.routes) if (r.method !== "ALL") router.add(r.method, r.path, r.method);
    }
    const allowed = methods.filter((m) => router!.match(m, c.req.path)[0].length > 0);
    if (allowed.length === 0) return undefined;
    if (allowed.includes("GET")) allowed.splice(1, 0, "HEAD");
    return c.text(`Method ${c.req.method} is not allowed here. Allowed: ${allowed.join(", ")}.`, 405, {
      allow: allowed.join(", "),
    });
  };
}
