import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { createDb } from "@tidings/core/store/db";
import { rateLimitKeys } from "@tidings/core/store/keys";
import { hitRateLimit } from "@tidings/core/store/rate-limits";
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
beforeAll(async () => {
  services = await startTestServices();
});
afterAll(() => services.close());

const db = () => services.ctx.db;

describe("rate limits", () => {
  it("count across separate clients (Lambda instances) and reset with the window", async () => {
    const other = createDb({ table: db().table, region: "us-east-1", endpoint: services.dynamodbEndpoint });
    const limit = { scope: "test", key: "198.51.100.4", max: 3, windowSeconds: 60 };
    const now = new Date("2026-05-18T09:00:10Z");
    expect(await hitRateLimit(db(), limit, now)).toEqual({ allowed: true });
    expect(await hitRateLimit(other, limit, now)).toEqual({ allowed: true });
    expect(await hitRateLimit(db(), limit, now)).toEqual({ allowed: true });
    expect(await hitRateLimit(other, limit, now)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(await hitRateLimit(db(), { ...limit, key: "198.51.100.5" }, now)).toEqual({ allowed: true });
    expect(await hitRateLimit(db(), limit, new Date("2026-05-18T09:01:00Z"))).toEqual({ allowed: true });
  });

  it("let exactly `max` of a concurrent burst through, and set an expiry", async () => {
    const limit = { scope: "burst", key: "k", max: 5, windowSeconds: 3600 };
    const now = new Date("2026-05-18T09:30:00Z");
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(db(), limit, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const { Items } = await db().client.send(new ScanCommand({ TableName: db().table }));
    const item = Items!.find((i) => i.PK === rateLimitKeys.key("burst", "k", { seconds: 3600, start: 0 }).PK)!;
    expect(item).toMatchObject({ type: "rate-limit", hits: 5 });
    expect(item.expiresAt).toBe(Date.parse("2026-05-18T10:00:00Z") / 1000 + 60);
  });

  it("count a minute's and an hour's window on one key apart, also when both start on the hour", async () => {
    const minute = { scope: "nested", key: "198.51.100.7", max: 5, windowSeconds: 60 };
    const hour = { ...minute, max: 30, windowSeconds: 3600 };
    const onTheHour = new Date("2026-05-18T11:00:00Z");
    const decisions = [];
    for (let i = 0; i < 6; i++) {
      decisions.push((await hitRateLimit(db(), minute, onTheHour)).allowed);
      await hitRateLimit(db(), hour, onTheHour);
    }
    expect(decisions).toEqual([true, true, true, true, true, false]);
  });
});
