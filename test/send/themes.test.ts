/**
 * Delivery by theme against real local DynamoDB and SES: each reader's copy holds only their
 * themes' sections (read fresh just before sending), a reader with nothing that week is sent
 * nothing and counted as skipped, and a digest stored whole (before parts) still goes to all.
 */
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@tidings/core/context";
import { sendInProcess } from "@tidings/core/send/in-process";
import { getSend } from "@tidings/core/store/sends";
import { saveThemes } from "@tidings/core/store/subscriber-themes";
import { themes as themeList } from "@tidings/core/theme/themes";
import { startTestServices, type SentEmail, type TestServices } from "../support/services.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";

let services: TestServices;
let ctx: Context;
let readers: Reader[];
const quick = { retryDelayMs: 5, delivery: { backoff: { baseMs: 1, capMs: 4 } } };
const headings = (mail: SentEmail) =>
  load(mail.body.html ?? "")("h2.theme-heading")
    .map((_, h) => load(h).text())
    .get();
const textHeadings = (mail: SentEmail) => [...(mail.body.text ?? "").matchAll(/^(.+)\n=+$/gm)].map((m) => m[1]);

beforeAll(async () => {
  services = await startTestServices();
  ctx = services.ctx;
  readers = await addReaders(ctx, 4, "chooser");
});
afterAll(() => services.close());

describe("sending a digest in parts", () => {
  it("gives each reader only their themes, and nothing to a reader whose themes are empty this week", async () => {
    const digest = await storeDigest(ctx.db, "2026-W20");
    const themes = digest.parts!.themes;
    const [all, two, nothing, renamed] = readers;
    const now = new Date("2026-05-18T08:00:00Z");
    await saveThemes(ctx.db, two!.id, [themes[2]!, themes[0]!], now);
    await saveThemes(ctx.db, nothing!.id, ["A theme with nothing this week"], now);
    // Names the themes file no longer has are ignored; none left means every theme.
    await saveThemes(ctx.db, renamed!.id, ["A theme renamed since"], now);
    // The consumer's own check: a choice naming a current theme with no story this week.
    const quiet = themeList()
      .list.map((t) => t.name)
      .find((t) => !themes.includes(t));

    const summary = await sendInProcess(ctx, "2026-W20", quick);
    const mail = await services.mailbox();
    const to = (r: Reader) => mail.filter((m) => m.destination.to[0] === r.email);
    expect(headings(to(all!)[0]!)).toEqual(themes);
    expect(headings(to(two!)[0]!)).toEqual([themes[0], themes[2]]);
    expect(textHeadings(to(two!)[0]!)).toEqual([themes[0], themes[2]]);
    expect(to(two!)[0]!.subject).toBe(digest.parts!.subjectLead + digest.parts!.subjectHeadlines[0]);
    expect(headings(to(renamed!)[0]!)).toEqual(themes);
    expect(headings(to(nothing!)[0]!)).toEqual(themes); // an unknown name only: every theme
    expect(summary).toMatchObject({ recipients: 4, sent: 4, skipped: 0, failed: 0 });
    expect(quiet, "the seed digest leaves at least one theme empty").toBeDefined();

    await services.clearMailbox();
    await saveThemes(ctx.db, nothing!.id, [quiet!], now);
    await storeDigest(ctx.db, "2026-W21");
    const second = await sendInProcess(ctx, "2026-W21", quick);
    expect(second).toMatchObject({ recipients: 4, sent: 3, skipped: 1, failed: 0 });
    expect((await services.mailbox()).filter((m) => m.destination.to[0] === nothing!.email)).toEqual([]);
    expect(await getSend(ctx.db, "2026-W21", nothing!.id)).toBeUndefined(); // skipped before any claim
  });

  it("sends a digest stored whole (built before parts) to every reader, whatever their themes", async () => {
    await services.clearMailbox();
    const digest = await storeDigest(ctx.db, "2026-W22", { legacy: true });
    expect(digest.parts).toBeUndefined();
    const summary = await sendInProcess(ctx, "2026-W22", quick);
    expect(summary).toMatchObject({ recipients: 4, sent: 4, skipped: 0 });
    const [, two] = readers;
    const copy = (await services.mailbox()).find((m) => m.destination.to[0] === two!.email)!;
    expect(headings(copy).length).toBeGreaterThan(2);
    expect(copy.body.html).not.toContain("{{");
  });
});
