/**
 * A digest under review through the JSON API, against the real app and local services, with
 * REVIEW=on: the weekly job builds a draft (never public) and mails the editors; PATCH moves,
 * drops, writes a note and a subject, re-rendering the email every reader gets; bad ids and
 * themes are refused with the reason; approve delivers it from the app's own send queue; after
 * that the digest is final (409), public, and `sent`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@tidings/core/admin/api-keys";
import { recentActions } from "@tidings/core/admin/audit";
import { weeklyDigest } from "@tidings/core/digest/weekly";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import type { SendJob } from "@tidings/core/send/job";
import { listCorrections } from "@tidings/core/store/corrections";
import { getDigest } from "@tidings/core/store/digests";
import { saveThemes } from "@tidings/core/store/subscriber-themes";
import type { DigestView } from "@tidings/core/review/view";
import { EDITOR, useDesk } from "../admin/desk.ts";
import { seedFeed, seededNow } from "../support/seeded-app.ts";
import { addReaders, type Reader } from "../support/sending.ts";

const wire = new URL("../fixtures/feeds/review-wire.xml", import.meta.url).pathname;
const bed = useDesk({ REVIEW: "on", FEEDS: `${seedFeed},${wire}` });
const week = "2026-W20";
let key: string;
let readers: Reader[];
const queued: SendJob[] = [];

const json = (body: unknown): RequestInit => ({
  method: "PATCH",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const view = async (res: Response) => (await res.json()) as DigestView;
const themeOf = (d: DigestView, id: string) => d.sections.find((s) => s.items.some((i) => i.id === id))?.theme;

beforeAll(async () => {
  const { ctx } = bed;
  await ingestFeeds(ctx, [seedFeed, wire], undefined, { now: () => seededNow });
  readers = await addReaders(ctx, 3, "review-api-");
  ({ key } = await createApiKey(ctx, "review test", EDITOR, bed.now()));
  await bed.services.clearMailbox();
  const run = await weeklyDigest(ctx, { enqueue: async (jobs) => void queued.push(...jobs) }, { week }, bed.now());
  expect(run).toMatchObject({ week, status: "created", review: "requested" });
}, 60_000);

describe("a draft through the API (REVIEW=on)", () => {
  it("is built as a draft, mailed to the editors, and never public", async () => {
    expect(queued).toEqual([]); // nothing was sent
    const mail = (await bed.mailbox()).filter((m) => m.destination.to.includes(EDITOR));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("To review");
    expect(mail[0]!.body.text).toContain(`http://localhost:3000/admin/digests/${week}`);

    const draft = await view(await bed.api(`/digests/${week}`, key));
    expect(draft.status).toBe("draft");
    expect(draft.sections.length).toBeGreaterThan(1);
    for (const path of [`/digests/${week}`, `/digests/${week}.json`, `/digests/${week}/email`]) {
      const res = await bed.get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    expect(await (await bed.get("/digests")).text()).not.toContain(week);
    expect(await (await bed.get("/digests.xml")).text()).not.toContain(week);
    expect(await (await bed.get("/")).text()).not.toContain(`/digests/${week}`);
  });

  it("refuses unknown items and themes, and fields it does not know, with the reason", async () => {
    const draft = await view(await bed.api(`/digests/${week}`, key));
    const id = draft.sections[0]!.items[0]!.id;
    const unknownItem = await bed.api(`/digests/${week}`, key, json({ drops: ["itm_nope"] }));
    expect(unknownItem.status).toBe(400);
    expect(JSON.stringify(await unknownItem.json())).toContain("itm_nope");
    const unknownTheme = await bed.api(`/digests/${week}`, key, json({ moves: [{ id, theme: "Cooking" }] }));
    expect(unknownTheme.status).toBe(400);
    expect(JSON.stringify(await unknownTheme.json())).toContain('no theme \\"Cooking\\"');
    const extra = await bed.api(`/digests/${week}`, key, json({ drop: [id] }));
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: { message: string } }).error.message).toContain("drop");
    expect((await bed.api(`/digests/2026-W99`, key)).status).toBe(404);
    expect((await bed.api(`/digests/nonsense`, key)).status).toBe(404);
    expect((await view(await bed.api(`/digests/${week}`, key))).sections).toEqual(draft.sections); // unchanged
  });

  it("moves, drops, notes and retitles: every reader's copy is re-rendered with them", async () => {
    const draft = await view(await bed.api(`/digests/${week}`, key));
    const zorblax = draft.sections.flatMap((s) => s.items).find((i) => i.title.startsWith("Zorblax"))!;
    const from = themeOf(draft, zorblax.id)!;
    const to = draft.sections.map((s) => s.theme).find((t) => t !== from && t !== "More news")!;
    const dropped = draft.sections.find((s) => s.theme !== from)!.items[0]!;
    const note = "A **big** week. Read [the report](https://example.com/report) <b>now</b>.\n\n- one\n- two";
    const res = await bed.api(
      `/digests/${week}`,
      key,
      json({ moves: [{ id: zorblax.id, theme: to }], drops: [dropped.id], note, subject: "Light in chips" }),
    );
    expect(res.status).toBe(200);
    const edited = await view(res);
    expect(edited).toMatchObject({ week, status: "draft", subject: "Light in chips", note });
    expect(themeOf(edited, zorblax.id)).toBe(to);
    expect(themeOf(edited, dropped.id)).toBeUndefined();

    const stored = (await getDigest(bed.ctx.db, week))!;
    expect(stored.html).toContain(
      'A <strong>big</strong> week. Read <a class="note-link" href="https://example.com/report"',
    );
    expect(stored.html).toContain("&lt;b&gt;now&lt;/b&gt;"); // the editor's HTML is text, never markup
    expect(stored.html).not.toContain("<b>now</b>");
    expect(stored.text).toContain(
      "A big week. Read the report (https://example.com/report) <b>now</b>.\n\n- one\n- two",
    );
    // The note is in the head part: a reader of one theme gets it too, and the editor's subject.
    expect(stored.parts!.html.head).toContain(`class="note-box"`);
    expect(stored.parts!.subject).toBe("Light in chips");
    expect(stored.webHtml).toContain(`class="note-box"`);

    const corrections = await listCorrections(bed.ctx.db);
    expect(corrections.map((c) => [c.itemId, c.kind, c.from, c.theme])).toEqual(
      expect.arrayContaining([
        [zorblax.id, "move", from, to],
        [dropped.id, "drop", themeOf(draft, dropped.id), undefined],
      ]),
    );
    const edit = (await recentActions(bed.ctx, bed.now())).find((a) => a.action === "digest.edit");
    expect(edit).toMatchObject({ by: "api-key:review test" });
    expect(edit!.detail).toContain(`moved “Zorblax`);
  });

  it("approve delivers exactly that digest from the app's send queue; then it is final and public", async () => {
    const edited = await view(await bed.api(`/digests/${week}`, key));
    // A reader who chose one theme gets that theme's section, with the note and the editor's subject.
    const one = edited.sections[0]!.theme;
    await saveThemes(bed.ctx.db, readers[0]!.id, [one], bed.now());
    await bed.services.clearMailbox();

    const approved = await bed.api(`/digests/${week}/approve`, key, { method: "POST" });
    expect(approved.status).toBe(202);
    expect(((await approved.json()) as DigestView).status).toBe("approved");
    await bed.delivered();

    const mail = await bed.mailbox();
    expect(mail.map((m) => m.destination.to[0]).sort()).toEqual(readers.map((r) => r.email).sort());
    for (const m of mail) {
      expect(m.subject).toBe("Light in chips");
      expect(m.body.html).toContain("A <strong>big</strong> week.");
      expect(m.body.text).toContain("- one\n- two");
    }
    const themesIn = (text: string) => edited.sections.map((s) => s.theme).filter((t) => text.includes(`\n${t}\n`));
    expect(themesIn(mail.find((m) => m.destination.to[0] === readers[0]!.email)!.body.text!)).toEqual([one]);
    expect(themesIn(mail.find((m) => m.destination.to[0] === readers[1]!.email)!.body.text!)).toEqual(
      edited.sections.map((s) => s.theme),
    );

    const after = await view(await bed.api(`/digests/${week}`, key));
    expect(after.status).toBe("sent");
    const pub = (await (await bed.get(`/digests/${week}.json`)).json()) as Pick<DigestView, "sections">;
    expect(pub.sections).toEqual(edited.sections);

    const late = await bed.api(`/digests/${week}`, key, json({ note: "too late" }));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe("digest.final");
    expect((await bed.api(`/digests/${week}/approve`, key, { method: "POST" })).status).toBe(409);
    expect((await recentActions(bed.ctx, bed.now())).map((a) => a.action)).toContain("digest.approve");
  });
});
