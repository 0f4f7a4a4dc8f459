import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDigest } from "@tidings/core/digest/build";
import { publicItemId } from "@tidings/core/digest/source";
import { getDigest, listDigests } from "@tidings/core/store/digests";
import { startTestServices, type TestServices } from "../support/services.ts";
import { putItems, standIn, storedItem } from "../support/digests.ts";

describe("building a week's digest (real dynalite)", () => {
  let services: TestServices;
  const inWeek = [
    storedItem({ title: "Nvidia unveils AI training chip", published: "2026-05-11T00:00:00.000Z" }), // Monday 00:00: in
    storedItem({ title: "DRAM prices climb again on memory shortage", published: "2026-05-13T10:00:00.000Z" }),
    storedItem({ title: "Conference season opens in Taipei", published: "2026-05-17T23:59:59.000Z" }), // Sunday night: in
  ];
  // The same story from a second feed, with a tracking parameter on its link.
  const copy = storedItem({
    feedKey: "other-wire",
    feedTitle: "Other Wire",
    title: "Nvidia unveils its AI training chip",
    link: `${inWeek[0]!.link}?utm_source=rss`,
    published: "2026-05-11T06:00:00.000Z",
  });
  const outside = [
    storedItem({ title: "Last week's news about chips", published: "2026-05-10T23:59:59.000Z" }),
    storedItem({ title: "Next week's news about chips", published: "2026-05-18T00:00:00.000Z" }),
  ];

  beforeAll(async () => {
    services = await startTestServices();
    await putItems(services.ctx.db, [...inWeek, copy, ...outside]);
  });
  afterAll(() => services.close());

  it("stores the week's items, each once, grouped by theme", async () => {
    const result = await buildDigest(services.ctx, "2026-W20", {
      classifier: standIn,
      now: new Date("2026-05-18T06:00:00Z"),
    });
    expect(result.status).toBe("created");
    if (result.status === "empty") return;
    const { digest } = result;
    expect(digest).toMatchObject({
      week: "2026-W20",
      firstDay: "2026-05-11",
      lastDay: "2026-05-17",
      timeZone: "UTC",
      itemCount: 3,
    });
    expect(digest.createdAt).toBe("2026-05-18T06:00:00.000Z");
    expect(digest.sections.map((s) => [s.theme, s.items.map((i) => i.title)])).toEqual([
      ["AI chips & computing", ["Nvidia unveils AI training chip"]],
      ["Memory & storage", ["DRAM prices climb again on memory shortage"]],
      ["More news", ["Conference season opens in Taipei"]],
    ]);
    expect(digest.sections.flatMap((s) => s.items.map((i) => i.id))).toEqual(
      [inWeek[0]!, inWeek[1]!, inWeek[2]!].map((i) => publicItemId(i.feedKey, i.itemKey)),
    );
    expect(digest.subject).toContain("Nvidia unveils AI training chip");
    expect(digest.html).toContain("{{unsubscribe_url}}");
    expect(await getDigest(services.ctx.db, "2026-W20")).toEqual(digest);
  });

  it("is idempotent: building again returns the stored digest untouched", async () => {
    const before = await getDigest(services.ctx.db, "2026-W20");
    await putItems(services.ctx.db, [
      storedItem({ title: "A late arrival for the week", published: "2026-05-14T00:00:00.000Z" }),
    ]);
    const again = await buildDigest(services.ctx, "2026-W20", {
      classifier: standIn,
      now: new Date("2026-05-19T00:00:00Z"),
    });
    expect(again.status).toBe("exists");
    expect(again.status !== "empty" && again.digest).toEqual(before);
    expect(await getDigest(services.ctx.db, "2026-W20")).toEqual(before);
  });

  it("renders anew with rebuild", async () => {
    const rebuilt = await buildDigest(services.ctx, "2026-W20", {
      classifier: standIn,
      rebuild: true,
      now: new Date("2026-05-19T00:00:00Z"),
    });
    expect(rebuilt.status).toBe("replaced");
    if (rebuilt.status === "empty") return;
    expect(rebuilt.digest.itemCount).toBe(4);
    expect(rebuilt.digest.createdAt).toBe("2026-05-19T00:00:00.000Z");
    expect(await getDigest(services.ctx.db, "2026-W20")).toEqual(rebuilt.digest);
  });

  it("stores one digest when two builds race", async () => {
    await putItems(services.ctx.db, [
      storedItem({ title: "Foundry news for week nineteen", published: "2026-05-06T00:00:00.000Z" }),
    ]);
    const [a, b] = await Promise.all([
      buildDigest(services.ctx, "2026-W19", { classifier: standIn }),
      buildDigest(services.ctx, "2026-W19", { classifier: standIn }),
    ]);
    expect([a.status, b.status].sort()).toEqual(["created", "exists"]);
    expect(a.status !== "empty" && b.status !== "empty" && a.digest).toEqual(b.status !== "empty" && b.digest);
  });

  it("builds nothing for a week without items, and says so", async () => {
    const result = await buildDigest(services.ctx, "2026-W30", { classifier: standIn });
    expect(result).toMatchObject({ status: "empty", range: { week: "2026-W30", firstDay: "2026-07-20" } });
    expect(await getDigest(services.ctx.db, "2026-W30")).toBeUndefined();
    expect((await listDigests(services.ctx.db)).map((d) => d.week)).toEqual(["2026-W20", "2026-W19"]);
  });

  it("cuts weeks in DIGEST_TIMEZONE", async () => {
    const tokyo = await startTestServices({ DIGEST_TIMEZONE: "Asia/Tokyo" });
    try {
      await putItems(tokyo.ctx.db, inWeek);
      const result = await buildDigest(tokyo.ctx, "2026-W20", { classifier: standIn });
      // Sunday 23:59 UTC is Monday morning in Tokyo: that item belongs to week 21 there.
      expect(result.status !== "empty" && result.digest.sections.flatMap((s) => s.items.map((i) => i.title))).toEqual([
        "Nvidia unveils AI training chip",
        "DRAM prices climb again on memory shortage",
      ]);
    } finally {
      await tokyo.close();
    }
  });
});
