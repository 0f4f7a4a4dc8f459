/**
 * Readers in the desk and the API: listing by state and address in pages, a reader's page, the
 * streamed CSV export, and erasure (a keyed-hash tombstone no import undoes, a signup can).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@tidings/core/admin/api-keys";
import { recentActions } from "@tidings/core/admin/audit";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { addReaders } from "../support/sending.ts";
import { EDITOR, SAME_ORIGIN, useDesk, type Signed } from "./desk.ts";

const bed = useDesk();
let key: string;
let who: Signed;
const idOf = (address: string) => subscriberId(bed.ctx, EmailAddress.parse(address));

type Listed = {
  items: { email: string; state: string; createdAt: string; confirmedAt: string | null; source: string }[];
  cursor: string | null;
};
const list = async (query: string) => (await (await bed.api(`/subscribers?${query}`, key)).json()) as Listed;

beforeAll(async () => {
  key = (await createApiKey(bed.ctx, "reader tests", EDITOR, bed.now())).key;
  who = await bed.session();
  await addReaders(bed.ctx, 120, "active", "active");
  await addReaders(bed.ctx, 7, "left", "unsubscribed");
  await addReaders(bed.ctx, 3, "bounced", "suppressed");
}, 60_000);

describe("listing readers", () => {
  it("pages through a state with the cursor, each reader once, in address order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Listed = await list(`state=active${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((i) => i.email));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort());
    const page = await list("state=active");
    expect(page.items[0]).toEqual({
      email: "active0@example.com",
      state: "active",
      createdAt: "2026-05-01T09:00:00.000Z",
      confirmedAt: "2026-05-01T09:00:00.000Z",
      source: "form",
    });
  });

  it("searches by address prefix across every state, and filters by state", async () => {
    expect((await list("q=LEFT")).items.map((i) => i.email)).toEqual(
      Array.from({ length: 7 }, (_, i) => `left${i}@example.com`),
    );
    // In the order of the bytes, as DynamoDB sorts them: "0" comes before "@".
    expect((await list("q=active11")).items.map((i) => i.email)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `active11${i}@example.com`),
      "active11@example.com",
    ]);
    expect((await list("state=suppressed")).items).toHaveLength(3);
    expect((await list("state=unsubscribed&q=active")).items).toHaveLength(0);
    expect((await bed.api("/subscribers?state=sleeping", key)).status).toBe(400);
  });

  it("the desk's list and a reader's page with their history", async () => {
    const page = await (await bed.get("/admin/subscribers?state=unsubscribed", who)).text();
    expect(page).toContain("left3@example.com");
    expect(page).not.toContain("active1@example.com");
    const reader = await (await bed.get("/admin/subscribers/left3%40example.com", who)).text();
    expect(reader).toContain("unsubscribed");
    expect(reader).toContain("Signed up");
    expect(reader).toContain("Confirmed");
    expect(reader).toContain("Unsubscribed");
    expect(reader).toContain("signed up with the form “home”");
    expect((await bed.get("/admin/subscribers/nobody%40example.com", who)).status).toBe(404);
  });
});

describe("the CSV export", () => {
  it("streams one row per reader with state and dates, and no id, token or secret", async () => {
    const res = await bed.api("/subscribers.csv", key);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("email,state,source,created_at,confirmed_at,unsubscribed_at,suppressed_at");
    expect(lines).toHaveLength(1 + 120 + 7 + 3);
    expect(lines).toContain(
      "left0@example.com,unsubscribed,form,2026-05-01T09:00:00.000Z,2026-05-01T09:00:00.000Z,2026-05-01T09:00:00.000Z,",
    );
    expect(text).not.toMatch(/sub_|token|tidings_/);
    // The desk's link gives the same file.
    expect(await (await bed.get("/admin/subscribers/export.csv", who)).text()).toBe(text);
    expect((await recentActions(bed.ctx, bed.now())).filter((a) => a.action === "export")).toHaveLength(2);
  });
});

describe("erasing a reader", () => {
  it("leaves a tombstone without address or history; no import brings them back, their own signup does", async () => {
    const res = await bed.api("/subscribers/active7%40example.com", key, { method: "DELETE" });
    expect(res.status).toBe(204);
    const tombstone = await getSubscriber(bed.ctx.db, await idOf("active7@example.com"));
    expect(tombstone).toEqual({
      id: await idOf("active7@example.com"),
      state: "erased",
      erasedAt: bed.now().toISOString(),
      updatedAt: bed.now().toISOString(),
    });
    expect((await list("q=active7@")).items).toEqual([]);
    expect((await bed.api("/subscribers/active7%40example.com", key, { method: "DELETE" })).status).toBe(404);
    const erased = (await recentActions(bed.ctx, bed.now())).find((a) => a.action === "erase")!;
    expect(JSON.stringify(erased)).not.toContain("active7");

    const imported = await bed.api("/subscribers/import?consent=confirmed", key, {
      method: "POST",
      body: "email\nactive7@example.com\n",
    });
    expect(await imported.json()).toMatchObject({ imported: 0, skipped: { suppressed: 1 } });

    const signup = await bed.app.request("/subscribe", {
      method: "POST",
      headers: { ...SAME_ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ email: "active7@example.com" }),
    });
    expect(signup.status).toBe(200);
    expect((await getSubscriber(bed.ctx.db, await idOf("active7@example.com")))?.state).toBe("pending");
  });

  it("from the desk, with its button", async () => {
    const res = await bed.post("/admin/subscribers/active8%40example.com/erase", who);
    expect(res.status).toBe(303);
    expect((await getSubscriber(bed.ctx.db, await idOf("active8@example.com")))?.state).toBe("erased");
  });
});
