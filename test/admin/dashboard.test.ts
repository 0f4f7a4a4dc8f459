/**
 * The dashboard: readers by state from the counters kept on each state change (no scan), the
 * weekly chart with its text alternative, a real send's delivery figures, feed health, and the
 * warnings that must stand out.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dashboard, weeklyActive } from "@tidings/core/admin/dashboard";
import { warningsOf } from "@tidings/core/admin/warnings";
import { addFeed } from "@tidings/core/feed/registry";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import { sendInProcess } from "@tidings/core/send/in-process";
import { addDigestStats, recordFanOut, type DeliveryFigures } from "@tidings/core/store/digest-stats";
import { readerCountsByWeek } from "@tidings/core/store/reader-counts";
import { unsubscribe } from "@tidings/core/subscription/unsubscribe";
import { unsubscribeUrl } from "@tidings/core/subscription/links";
import { addReaders, storeDigest } from "../support/sending.ts";
import { EDITOR, useDesk } from "./desk.ts";

const seed = fileURLToPath(new URL("../fixtures/feeds/scmp-semiconductors.xml", import.meta.url));
const bed = useDesk({ FEEDS: seed });
const HOUR = 3_600_000;

describe("the dashboard", () => {
  it("counts readers by state from the counters, and shows them", async () => {
    await addReaders(bed.ctx, 12, "active", "active");
    await addReaders(bed.ctx, 3, "left", "unsubscribed");
    await addReaders(bed.ctx, 2, "bounced", "suppressed");
    const counts = await readerCountsByWeek(bed.ctx.db);
    expect(counts.at(-1)!.total).toEqual({ active: 12, unsubscribed: 3, suppressed: 2, erased: 0 });
    const data = await dashboard(bed.ctx, bed.now());
    expect(data.readers).toEqual({ pending: 0, active: 12, unsubscribed: 3, suppressed: 2, erased: 0 });
    // readers added on 2026-05-01 (W18); the chart ends with the current week, W22
    expect(data.weeks).toHaveLength(26);
    expect(data.weeks.at(-1)).toEqual({ week: "2026-W22", active: 12, change: 0 });
    expect(data.weeks.find((w) => w.week === "2026-W18")).toEqual({ week: "2026-W18", active: 12, change: 12 });
    expect(data.weeks.find((w) => w.week === "2026-W17")!.active).toBe(0);

    const html = await (await bed.get("/admin", await bed.session())).text();
    expect(html).toContain('role="img"');
    expect(html).toContain('<title id="chart-title">Active readers per week, last six months</title>');
    expect(html).toMatch(/<th scope="row">2026-W18<\/th><td class="num">12<\/td><td class="num">\+12<\/td>/);
    expect(html).toContain("Nothing needs attention.");
  });

  it("shows a send's delivery figures, and an unsubscribe counts against it", async () => {
    await storeDigest(bed.ctx.db, "2026-W20");
    await sendInProcess(bed.ctx, "2026-W20", { consumers: 2 });
    const [reader] = await addReaders(bed.ctx, 1, "active", "active"); // active0, sent to
    const token = new URL(unsubscribeUrl(bed.ctx.config, reader!)).searchParams.get("token")!;
    await unsubscribe(bed.ctx, token, bed.now());
    const data = await dashboard(bed.ctx, bed.now());
    expect(data.digests[0]).toMatchObject({
      week: "2026-W20",
      figures: { sent: 12, failed: 0, skipped: 0, unsubscribed: 1, recipients: 12 },
    });
    expect(data.readers).toMatchObject({ active: 11, unsubscribed: 4 });
  });

  it("shows feed health, and warns about a feed failing for more than a day", async () => {
    await addFeed(bed.ctx, seed, EDITOR, bed.now());
    await ingestFeeds(bed.ctx, ["/no/such/feed.xml"], undefined, {
      now: () => new Date(bed.now().getTime() - 30 * HOUR),
    });
    const { putFeedRegistration, feedKeyOf } = await import("@tidings/core/store/feeds");
    await putFeedRegistration(bed.ctx.db, feedKeyOf("/no/such/feed.xml"), { status: "active" });
    await ingestFeeds(bed.ctx, ["/no/such/feed.xml"], undefined, { now: () => bed.now(), force: true });
    const data = await dashboard(bed.ctx, bed.now());
    const seedFeed = data.feeds.find((f) => f.source === seed)!;
    expect(seedFeed.itemsLastFourWeeks).toBeGreaterThan(0);
    expect(seedFeed.lastSuccessAt).toBe(bed.now().toISOString());
    const broken = data.feeds.find((f) => f.source === "/no/such/feed.xml")!;
    expect(broken).toMatchObject({
      failures: 2,
      failingSince: new Date(bed.now().getTime() - 30 * HOUR).toISOString(),
    });
    expect(data.warnings.map((w) => w.kind)).toEqual(["feed_failing"]);
    const html = await (await bed.get("/admin", await bed.session())).text();
    expect(html).toContain("Needs attention");
    expect(html).toContain("/no/such/feed.xml has been failing since");
  });
});

describe("warnings", () => {
  const now = new Date("2026-05-25T09:00:00Z");
  const figures = (f: Partial<DeliveryFigures>): DeliveryFigures => ({
    sent: 0,
    failed: 0,
    skipped: 0,
    bounced: 0,
    softBounced: 0,
    complained: 0,
    unsubscribed: 0,
    ...f,
  });
  const kinds = (f: Partial<DeliveryFigures>) =>
    warningsOf([], { week: "2026-W21", figures: figures(f) }, now).map((w) => w.kind);

  it("a bounce rate over 2% and a complaint rate over 0.1% on the last send", () => {
    expect(kinds({ sent: 1000, bounced: 20, complained: 1 })).toEqual([]);
    expect(kinds({ sent: 1000, bounced: 21 })).toEqual(["bounce_rate"]);
    expect(kinds({ sent: 1000, complained: 2 })).toEqual(["complaint_rate"]);
  });

  it("a send that stopped: an hour after its fan-out, readers are still unaccounted for", () => {
    const fanned = (ago: number) => new Date(now.getTime() - ago).toISOString();
    expect(kinds({ sent: 40, recipients: 50, fannedOutAt: fanned(2 * HOUR) })).toEqual(["send_stopped"]);
    expect(kinds({ sent: 40, recipients: 50, fannedOutAt: fanned(HOUR / 2) })).toEqual([]); // still going
    expect(kinds({ sent: 48, skipped: 2, recipients: 50, fannedOutAt: fanned(2 * HOUR) })).toEqual([]);
  });

  it("a paused feed does not warn", () => {
    const feed = { title: "F", status: "paused", failures: 9, failingSince: "2026-05-01T00:00:00Z" };
    expect(warningsOf([feed], undefined, now)).toEqual([]);
    expect(warningsOf([{ ...feed, status: "active" }], undefined, now).map((w) => w.kind)).toEqual(["feed_failing"]);
  });

  it("the chart's weeks: active readers at each week's end, from sparse weekly counters", () => {
    const zero = { active: 0, unsubscribed: 0, suppressed: 0, erased: 0 };
    const weeks = weeklyActive(
      [
        { week: "2025-W40", change: { ...zero, active: 5 }, total: { ...zero, active: 5 } },
        { week: "2026-W10", change: { ...zero, active: 3 }, total: { ...zero, active: 8 } },
      ],
      now,
    );
    expect(weeks[0]).toEqual({ week: "2025-W49", active: 5, change: 0 });
    expect(weeks.find((w) => w.week === "2026-W10")).toEqual({ week: "2026-W10", active: 8, change: 3 });
    expect(weeks.at(-1)).toEqual({ week: "2026-W22", active: 8, change: 0 });
  });

  it("delivery counters add up (the consumers write them without reading)", async () => {
    await addDigestStats(bed.ctx.db, "2026-W19", { sent: 10 });
    await addDigestStats(bed.ctx.db, "2026-W19", { sent: 5, bounced: 1 });
    await recordFanOut(bed.ctx.db, "2026-W19", 15, now);
    const { getDeliveryFigures } = await import("@tidings/core/store/digest-stats");
    expect(await getDeliveryFigures(bed.ctx.db, "2026-W19")).toMatchObject({ sent: 15, bounced: 1, recipients: 15 });
  });
});
