/**
 * The upgrade on a table written by the code before rotatable keys (test/fixtures/migration):
 * the id key is derived as that code derived it, once, and every reader stays who they were,
 * with the links they were sent still working.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TidingsError } from "@tidings/core/error";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { migrateIdKey } from "@tidings/core/subscription/id-key";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { testApp } from "../support/testbed.ts";
import { startTestServices, type TestServices } from "../support/services.ts";
import { loadToday, processWith as freshProcess, tableLines, todayFixture, todayRows } from "../support/today-table.ts";

const { secret, tokens } = todayFixture;
let services: TestServices;

beforeEach(async () => {
  services = await startTestServices({ TOKEN_SECRET: secret });
  await loadToday(services.ctx.db);
});
afterEach(() => services.close());

const processWith = (env: Record<string, string>) => freshProcess(services, env);

describe("the id-key migration on a table in today's format", () => {
  it("derives the key as today's code did, once, and rewrites no row", async () => {
    const before = await tableLines(services.ctx.db);
    expect(before).toEqual(todayRows().sort());

    const first = await migrateIdKey(processWith({ TOKEN_SECRET: secret }));
    expect(first.origin).toBe("derived-from-token-secret");
    const second = await migrateIdKey(processWith({ TOKEN_SECRET: secret }));
    expect(second).toEqual(first);

    const after = await tableLines(services.ctx.db);
    const added = after.filter((line) => !before.includes(line));
    expect(added).toHaveLength(1);
    expect(added[0]).toContain('"PK":{"S":"INSTALLATION"}');
    expect(after.filter((line) => before.includes(line))).toEqual(before);
  });

  it("keeps every reader the same subscriber, in the same state", async () => {
    const ctx = processWith({ TOKEN_SECRET: secret });
    for (const t of tokens) {
      expect(await subscriberId(ctx, EmailAddress.parse(t.email)), t.email).toBe(t.id);
      expect((await getSubscriber(ctx.db, t.id))?.state, t.email).toBe(t.state);
    }
    // The stranger SES reported is still suppressed: signing up cannot mail them.
    const strangerId = await subscriberId(ctx, EmailAddress.parse("Stranger@example.com"));
    expect((await getSubscriber(ctx.db, strangerId))?.state).toBe("suppressed");
  });

  it("keeps the links readers were sent working, through the app", async () => {
    const t = testApp({ ...services, ctx: processWith({ TOKEN_SECRET: secret }) }, new Date(tokens[0]!.issuedAt));
    t.advance(60 * 60_000);
    const pending = tokens.find((r) => r.state === "pending")!;
    expect((await t.app.request(`/confirm?token=${pending.confirm}`)).status).toBe(200);
    const active = tokens.find((r) => r.state === "active")!;
    expect((await t.app.request(`/unsubscribe?token=${active.unsubscribe}`)).status).toBe(200);
    expect((await t.app.request(`/unsubscribe?token=${active.unsubscribe}`, { method: "POST" })).status).toBe(200);
    const ctx = processWith({ TOKEN_SECRET: secret });
    expect((await getSubscriber(ctx.db, pending.id))?.state).toBe("active");
    expect((await getSubscriber(ctx.db, active.id))?.state).toBe("unsubscribed");
  });

  it("finds the old key among TOKEN_SECRET_PREVIOUS when the upgrade and a rotation happen at once", async () => {
    const ctx = processWith({ TOKEN_SECRET: "a-new-key", TOKEN_SECRET_PREVIOUS: secret });
    expect((await migrateIdKey(ctx)).origin).toBe("derived-from-token-secret");
    for (const t of tokens) expect(await subscriberId(ctx, EmailAddress.parse(t.email))).toBe(t.id);
  });

  it("refuses to guess when no configured key made the ids, and writes nothing", async () => {
    const before = await tableLines(services.ctx.db);
    const refused = await migrateIdKey(processWith({ TOKEN_SECRET: "not-the-old-key" })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TidingsError);
    expect((refused as TidingsError).code).toBe("config.id_key_unknown");
    expect(await tableLines(services.ctx.db)).toEqual(before);
  });
});

describe("a new installation", () => {
  it("gets a random id key, not one derived from the token key", async () => {
    const fresh = await startTestServices({ TOKEN_SECRET: secret });
    try {
      const key = await migrateIdKey(fresh.ctx);
      expect(key.origin).toBe("random");
      const id = await subscriberId(fresh.ctx, EmailAddress.parse(tokens[0]!.email));
      expect(id).not.toBe(tokens[0]!.id);
    } finally {
      await fresh.close();
    }
  });
});
