/**
 * Reading every active subscriber (what a send does), from local DynamoDB (dynalite):
 * `listActiveSubscribers` — 16 GSI1 shards, one Query in flight per shard, the next page fetched
 * while the caller works — against the obvious alternative, every active subscriber under one
 * GSI1 key read page after page. dynalite runs in this process, so the figures show the
 * client-side overlap only; on DynamoDB each shard is also its own partition.
 * And the cost of a subscriber token: ours (binary, AES handle + HMAC-SHA256) against a
 * JWT-style HS256 token (JSON header and payload, base64url, HMAC-SHA256), both issue + verify.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { performance } from "node:perf_hooks";
import { BatchWriteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { listActiveSubscribers } from "@tidings/core/store/active-subscribers";
import { toRow } from "@tidings/core/store/subscribers";
import { GSI1 } from "@tidings/core/store/table";
import { EmailAddress } from "@tidings/core/subscription/address";
import { idWithKey } from "@tidings/core/subscription/id";
import { idKey } from "@tidings/core/subscription/id-key";
import { issueToken, verifyToken } from "@tidings/core/subscription/token";
import { startTestServices } from "../support/services.ts";

const SUBSCRIBERS = 20_000;
const PAGE = 500;

async function seed(services: Awaited<ReturnType<typeof startTestServices>>) {
  const { client, table } = services.ctx.db;
  const key = await idKey(services.ctx);
  const items = Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const email = EmailAddress.parse(`reader${i}@example.com`);
    const id = idWithKey(key, email);
    const at = "2026-05-18T09:00:00.000Z";
    const base = { id, email, state: "active" as const, createdAt: at, updatedAt: at };
    return [toRow(base), { ...base, PK: `ONE#${id}`, SK: "SUB", GSI1PK: "ACTIVE", GSI1SK: id }];
  }).flat();
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 16) {
    await Promise.all(
      batches
        .slice(i, i + 16)
        .map((batch) =>
          client.send(
            new BatchWriteCommand({ RequestItems: { [table]: batch.map((Item) => ({ PutRequest: { Item } })) } }),
          ),
        ),
    );
  }
}

async function onePartition(services: Awaited<ReturnType<typeof startTestServices>>): Promise<number> {
  const { client, table } = services.ctx.db;
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: GSI1,
        KeyConditionExpression: "GSI1PK = :p",
        ExpressionAttributeValues: { ":p": "ACTIVE" },
        ProjectionExpression: "#id, email",
        ExpressionAttributeNames: { "#id": "id" },
        Limit: PAGE,
        ExclusiveStartKey: start,
      }),
    );
    count += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

async function sharded(services: Awaited<ReturnType<typeof startTestServices>>): Promise<number> {
  let count = 0;
  for await (const page of listActiveSubscribers(services.ctx.db, { pageSize: PAGE })) count += page.length;
  return count;
}

async function median(runs: number, fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const n = await fn();
    times.push(performance.now() - t);
    if (n !== SUBSCRIBERS) throw new Error(`read ${n} subscribers, expected ${SUBSCRIBERS}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

function jwtStyle(secret: string) {
  const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64url");
  const header = b64(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const sign = (body: string) => createHmac("sha256", secret).update(body).digest();
  return {
    issue: (sub: string, exp: number) => {
      const body = `${header}.${b64(JSON.stringify({ sub, purpose: "confirm", exp }))}`;
      return `${body}.${b64(sign(body))}`;
    },
    verify: (token: string) => {
      const [h, p, s] = token.split(".");
      if (!h || !p || !s || !timingSafeEqual(sign(`${h}.${p}`), Buffer.from(s, "base64url"))) throw new Error("bad");
      return JSON.parse(Buffer.from(p, "base64url").toString()).sub as string;
    },
  };
}

function perOp(n: number, fn: (i: number) => unknown): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - t) / n) * 1000;
}

export default async function bench() {
  const services = await startTestServices();
  try {
    await seed(services);
    await sharded(services); // warm both paths once
    await onePartition(services);
    const ours = await median(5, () => sharded(services));
    const peer = await median(5, () => onePartition(services));

    const secret = "bench-secret";
    const keys = { tokenSecret: secret, tokenSecretPrevious: [] };
    const id = idWithKey(Buffer.alloc(32, 1), EmailAddress.parse("reader@example.com"));
    const now = new Date();
    const jwt = jwtStyle(secret);
    const N = 50_000;
    perOp(5_000, () => verifyToken(keys, "confirm", issueToken(keys, "confirm", id, now), now));
    const ourToken = perOp(N, () => verifyToken(keys, "confirm", issueToken(keys, "confirm", id, now), now));
    const jwtToken = perOp(N, () => jwt.verify(jwt.issue(id, 1_900_000_000)));

    console.log("| measure | Tidings | peer | ratio (peer / Tidings) |");
    console.log("|---|---|---|---|");
    console.log(
      `| read ${SUBSCRIBERS.toLocaleString("en")} active subscribers, pages of ${PAGE} (median of 5) | ${ours.toFixed(0)} ms (16 shards, prefetch) | ${peer.toFixed(0)} ms (one partition) | ${(peer / ours).toFixed(2)} |`,
    );
    console.log(
      `| token issue + verify | ${ourToken.toFixed(1)} µs (${issueToken(keys, "confirm", id, now).length} chars) | ${jwtToken.toFixed(1)} µs (${jwt.issue(id, 1_900_000_000).length} chars, JWT-style HS256) | ${(jwtToken / ourToken).toFixed(2)} |`,
    );
  } finally {
    await services.close();
  }
}
