/**
 * Signups under load: the real app over HTTP (@hono/node-server, as `npm start` serves it) with
 * local DynamoDB and SES, 50 concurrent connections of POST /subscribe for 10 s each round, by
 * autocannon. It must answer every request: no 5xx, no connection dropped or timed out. Rounds:
 * - signups from many clients (each request a new address and its own client address, so the
 *   limits let them through): the whole path, one conditional claim and the outbox;
 * - one client signing up over and over (an abuser): the rate limits answer 429;
 * - the baselines, measured in the same run: GET /health on the same server and connections
 *   (HTTP alone), and a signup's own DynamoDB writes (four rate-limit counters and the claim)
 *   issued by 50 loops straight to the local DynamoDB, no HTTP, no app (the store's floor).
 * The confirmation emails of the first round go out through the in-process outbox meanwhile.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import autocannon, { type Result } from "autocannon";
import type { Context } from "@tidings/core/context";
import { hitRateLimit } from "@tidings/core/store/rate-limits";
import { claimConfirmation } from "@tidings/core/store/signup-claims";
import { EmailAddress } from "@tidings/core/subscription/address";
import { localConfirmationOutbox } from "@tidings/core/subscription/confirmation-outbox";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { createApp } from "@tidings/functions/app/app";
import { startTestServices } from "../support/services.ts";

const CONNECTIONS = 50;
const SECONDS = 10;
const CLIENT = "x-bench-client";

/** Signups per second the local DynamoDB takes when nothing else runs: a signup's five writes, 50 at once. */
async function storeFloor(ctx: Context): Promise<number> {
  const end = performance.now() + SECONDS * 1000;
  let done = 0;
  let i = 0;
  const at = new Date();
  const consent = { at: at.toISOString(), clientAddress: "203.0.113.1", userAgent: "bench", form: "home" };
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const email = EmailAddress.parse(`floor${++i}@example.com`);
        const id = await subscriberId(ctx, email);
        for (const scope of ["client-min", "client-hour", "email", "mailbox"])
          await hitRateLimit(ctx.db, { scope, key: id, max: 100, windowSeconds: 60 }, at);
        await claimConfirmation(ctx.db, { id, email, consent, now: at, resendAfterMs: 0, expiresAfterMs: 1 });
        done++;
      }
    }),
  );
  return done / SECONDS;
}

function row(name: string, r: Result, baseline?: Result): string {
  const ratio = baseline ? (r.requests.average / baseline.requests.average).toFixed(2) : "1.00";
  return `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} / ${r.latency.p99} ms | ${r["2xx"]} / ${r["4xx"]} / ${r["5xx"]} | ${r.errors} / ${r.timeouts} | ${ratio} |`;
}

export default async function bench(): Promise<void> {
  const services = await startTestServices();
  const outbox = localConfirmationOutbox(services.ctx);
  // Bench only: the client address comes from a header so one machine can play many clients.
  const app = createApp({
    ctx: services.ctx,
    confirmations: outbox,
    clientAddress: (c) => c.req.header(CLIENT) ?? "?",
  });
  // Requests still being answered when a round ends (autocannon drops its sockets) are waited for.
  let inFlight = 0;
  const fetch = async (request: Request) => {
    inFlight++;
    try {
      return await app.fetch(request);
    } finally {
      inFlight--;
    }
  };
  const settle = async () => {
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
    await outbox.drained();
  };
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  const signup = (client: () => string) => ({
    method: "POST",
    path: "/subscribe",
    setupRequest: (req: object) => {
      const i = ++n;
      return {
        ...req,
        headers: { "content-type": "application/x-www-form-urlencoded", [CLIENT]: client() },
        body: `email=load${i}%40example.com`,
      };
    },
  });
  try {
    const run = (requests: object[]) =>
      autocannon({ url, connections: CONNECTIONS, duration: SECONDS, timeout: 10, requests });
    const floor = await storeFloor(services.ctx);
    await run([{ method: "GET", path: "/health" }]); // warm up
    const health = await run([{ method: "GET", path: "/health" }]);
    const many = await run([signup(() => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`)]);
    await settle();
    const one = await run([signup(() => "192.0.2.1")]);
    await settle();
    const mailed = (await services.mailbox()).length;

    console.log(`${CONNECTIONS} connections, ${SECONDS} s per round, server and load generator on the same 2 cores\n`);
    console.log("| round | requests/s | latency p50 / p99 | 2xx / 4xx / 5xx | errors / timeouts | vs /health |");
    console.log("|---|---:|---:|---:|---:|---:|");
    console.log(row("GET /health (baseline)", health));
    console.log(row("POST /subscribe, many clients", many, health));
    console.log(row("POST /subscribe, one client (rate-limited)", one, health));
    console.log(
      `| a signup's writes, no app (50 loops) | ${Math.round(floor)} | — | — | — | ${(floor / health.requests.average).toFixed(2)} |`,
    );
    console.log(`\nSignups many clients / the store's floor: ${(many.requests.average / floor).toFixed(2)}.`);
    console.log(
      `\nConfirmation emails sent by the outbox: ${mailed} (one per new address answered 200, those still in flight when a round's clock stopped included).`,
    );
    const failures = [many, one].filter((r) => r["5xx"] > 0 || r.errors > 0 || r.timeouts > 0);
    if (failures.length) throw new Error("signups under load: a 5xx, an error or a timeout (see the table)");
  } finally {
    server.close();
    await services.close();
  }
}
