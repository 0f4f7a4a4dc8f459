/**
 * A draft in the desk (REVIEW=on), through the real app's forms: the page frames the email's own
 * HTML under a CSP that allows exactly that; every form needs the session's CSRF token; moves,
 * pins, drops, the note and the subject re-render the digest; a test copy goes to the editor;
 * approving sends it; after that the page says the digest is final and an edit gets 409. Every
 * correction is listed and undoable, and every action is in the audit log.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { recentActions } from "@tidings/core/admin/audit";
import { buildDigest } from "@tidings/core/digest/build";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import { listCorrections } from "@tidings/core/store/corrections";
import { getDigest } from "@tidings/core/store/digests";
import { EDITOR, useDesk, type Signed } from "../admin/desk.ts";
import { seedFeed, seededNow } from "../support/seeded-app.ts";
import { addReaders } from "../support/sending.ts";

const bed = useDesk({ REVIEW: "on" });
const week = "2026-W20";
let editor: Signed;

const ids = async () => {
  const d = (await getDigest(bed.ctx.db, week))!;
  return d.sections.map((s) => ({ theme: s.theme, ids: s.items.map((i) => i.id) }));
};

beforeAll(async () => {
  await ingestFeeds(bed.ctx, [seedFeed], undefined, { now: () => seededNow });
  await addReaders(bed.ctx, 2, "review-desk-");
  expect(await buildDigest(bed.ctx, week)).toMatchObject({ digest: { status: "draft" } });
  editor = await bed.session();
}, 60_000);

describe("a draft in the desk", () => {
  it("shows the email's own HTML in a sandboxed frame, the policy allowing exactly that", async () => {
    const page = await bed.get(`/admin/digests/${week}`, editor);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await page.text();
    expect(html).toContain(`<iframe class="email-frame" src="/admin/digests/${week}/email"`);
    expect(html).toContain('sandbox=""');
    expect(html).toContain("Draft: awaiting review");

    const frame = await bed.get(`/admin/digests/${week}/email`, editor);
    expect(frame.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(frame.headers.get("content-security-policy")).toMatch(/; sandbox$/);
    expect(frame.headers.get("cache-control")).toBe("no-store");
    const digest = (await getDigest(bed.ctx.db, week))!;
    expect(await frame.text()).toContain(digest.sections[0]!.items[0]!.title.slice(0, 30).replaceAll("’", "&#8217;"));
    expect((await bed.get(`/admin/digests/${week}/email`)).status).toBe(302); // signed out
  });

  it("refuses a form without the CSRF token, and changes nothing", async () => {
    const [first] = await ids();
    const res = await bed.post(`/admin/digests/${week}/items/${first!.ids[0]}/drop`, editor, { _csrf: "forged" });
    expect(res.status).toBe(403);
    expect(await ids()).toEqual(await ids());
    expect((await getDigest(bed.ctx.db, week))!.review!.edits.drops).toEqual([]);
  });

  it("moves, pins, drops and writes the note; each re-renders, is audited, and moves are corrections", async () => {
    const before = await ids();
    const [a] = before;
    const b = before.find((s) => s !== a && s.ids.length >= 2)!;
    const moved = a!.ids[0]!;
    const pinned = b!.ids.at(-1)!;
    const dropped = b!.ids[0]!;
    const post = (path: string, fields: Record<string, string> = {}) =>
      bed.post(`/admin/digests/${week}/${path}`, editor, fields);

    const move = await post(`items/${moved}/move`, { theme: b!.theme });
    expect([move.status, move.headers.get("location")]).toEqual([
      303,
      `/admin/digests/${week}?done=move#item-${moved}`,
    ]);
    expect((await post(`items/${pinned}/pin`)).status).toBe(303);
    expect((await post(`items/${dropped}/drop`)).status).toBe(303);
    expect((await post("note", { note: "Hello *readers*.", subject: "" })).status).toBe(303);

    const after = await ids();
    const bAfter = after.find((s) => s.theme === b!.theme)!.ids;
    expect(bAfter[0]).toBe(pinned); // pinned first
    expect(bAfter).toContain(moved);
    expect(bAfter).not.toContain(dropped);
    const digest = (await getDigest(bed.ctx.db, week))!;
    expect(digest.html).toContain("Hello <em>readers</em>.");
    expect(digest.text).toContain("Hello readers.");

    const page = await (await bed.get(`/admin/digests/${week}?done=move`, editor)).text();
    expect(page).toContain("The story was moved");
    expect(page).toContain("Moved here by an editor; the classifier had filed under");
    expect(page).toContain("Put back");

    const actions = (await recentActions(bed.ctx, bed.now())).filter((e) => e.action === "digest.edit");
    expect(actions.map((e) => e.detail)).toEqual(
      expect.arrayContaining([expect.stringContaining("moved “"), expect.stringContaining("pinned “")]),
    );
    const corrections = await listCorrections(bed.ctx.db);
    expect(corrections.map((c) => [c.itemId, c.kind])).toEqual(
      expect.arrayContaining([
        [moved, "move"],
        [dropped, "drop"],
      ]),
    );
    const listed = await (await bed.get("/admin/corrections", editor)).text();
    expect(listed).toContain(`moved from ${a!.theme.replaceAll("&", "&amp;")} to ${b!.theme.replaceAll("&", "&amp;")}`);
  });

  it("an undone correction puts the story back while the digest is a draft", async () => {
    const [drop] = (await listCorrections(bed.ctx.db)).filter((c) => c.kind === "drop");
    const res = await bed.post(`/admin/corrections/${week}/${drop!.itemId}/undo`, editor);
    expect([res.status, res.headers.get("location")]).toEqual([303, "/admin/corrections?done=edited"]);
    expect((await ids()).flatMap((s) => s.ids)).toContain(drop!.itemId);
    expect((await listCorrections(bed.ctx.db)).map((c) => c.itemId)).not.toContain(drop!.itemId);
    expect(await recentActions(bed.ctx, bed.now())).toContainEqual(
      expect.objectContaining({ by: EDITOR, action: "correction.undo" }),
    );
  });

  it("mails a test copy to the editor, then approving sends it; from then on it is final", async () => {
    await bed.services.clearMailbox();
    expect((await bed.post(`/admin/digests/${week}/test`, editor)).status).toBe(303);
    const test = (await bed.mailbox()).filter((m) => m.destination.to.includes(EDITOR));
    expect(test).toHaveLength(1);
    expect(test[0]!.subject).toMatch(/^\[TEST\] /);
    expect(test[0]!.body.html).toContain("Hello <em>readers</em>.");

    await bed.services.clearMailbox();
    const approve = await bed.post(`/admin/digests/${week}/approve`, editor);
    expect(approve.headers.get("location")).toBe(`/admin/digests/${week}?done=approve`);
    await bed.delivered();
    expect((await bed.mailbox()).filter((m) => m.destination.to[0]!.startsWith("review-desk-"))).toHaveLength(2);

    const page = await (await bed.get(`/admin/digests/${week}`, editor)).text();
    expect(page).toContain("This digest is final: its delivery began");
    expect(page).not.toContain("Approve and send");
    expect(page).not.toContain(`/items/`);

    const [first] = await ids();
    const late = await bed.post(`/admin/digests/${week}/items/${first!.ids[0]}/drop`, editor);
    expect(late.status).toBe(409);
    const message = await late.text();
    expect(message).toContain("Too late to change");
    expect(message).toContain("is being sent or was sent");

    const actions = (await recentActions(bed.ctx, bed.now())).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["digest.test-copy", "digest.approve"]));
  });

  it("an undone correction of a sent digest is forgotten by the learner only", async () => {
    const [move] = await listCorrections(bed.ctx.db);
    const before = await ids();
    const res = await bed.post(`/admin/corrections/${week}/${move!.itemId}/undo`, editor);
    expect(res.headers.get("location")).toBe("/admin/corrections?done=final");
    expect(await ids()).toEqual(before);
  });
});
