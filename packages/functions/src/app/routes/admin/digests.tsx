/**
 * The desk's digests: the list (`GET /admin/digests`), one digest's page (`GET …/:week`), its
 * email as readers get it for the page's frame (`GET …/:week/email`), and the editor's actions:
 * per story `move` (field `theme`), `drop`, `restore`, `pin`, `unpin`; `note` (fields `note`,
 * `subject`); `test` (a test copy to the editor); `approve` (starts delivery). Core: review/.
 */
import { Hono, type Context as HonoContext } from "hono";
import { readerCopy } from "@tidings/core/digest/reader-copy";
import { isWeekName } from "@tidings/core/digest/week";
import { TidingsError } from "@tidings/core/error";
import { recordAction } from "@tidings/core/admin/audit";
import { approveDigest } from "@tidings/core/review/approve";
import { deskDigest } from "@tidings/core/review/desk";
import { digestOf, editDigest } from "@tidings/core/review/edit";
import type { DigestPatch } from "@tidings/core/review/edits";
import { sendTestCopy } from "@tidings/core/send/test-copy";
import { listDigests } from "@tidings/core/store/digests";
import type { AppEnv } from "../../env.ts";
import { DigestsPage } from "../../pages/admin/digests.tsx";
import { ReviewPage } from "../../pages/admin/review.tsx";
import { editorOf } from "./editor.ts";

/** The desk's own policy (app.ts) with one addition: the page may frame the desk's email view. */
const reviewCsp =
  "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; frame-src 'self'";
/** The framed email: its inline styles and images, nothing that runs; only the desk may frame it. */
const emailFrameCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

const notices: Record<string, string> = {
  move: "The story was moved; the classifier will learn from it.",
  drop: "The story was dropped from the digest.",
  restore: "The story is back in the digest.",
  pin: "The story is pinned to the top of its theme.",
  unpin: "The story is no longer pinned.",
  note: "The subject and note were saved.",
  test: "A test copy is on its way to you.",
  approve: "Approved: delivery has started.",
};

const weekOf = (c: HonoContext<AppEnv>) => {
  const week = c.req.param("week")!;
  if (!isWeekName(week)) throw new TidingsError("not_found", "digest.not_found", `There is no digest for ${week}.`);
  return week;
};

const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === "string" ? body[name] : "");

const back = (c: HonoContext<AppEnv>, week: string, done: string, anchor = "") =>
  c.redirect(`/admin/digests/${week}?done=${done}${anchor}`, 303);

export const digestRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.html(<DigestsPage digests={await listDigests(c.var.ctx.db)} editor={editorOf(c)} />))
  .get("/:week", async (c) => {
    const d = await deskDigest(c.var.ctx, weekOf(c));
    c.header("content-security-policy", reviewCsp);
    return c.html(<ReviewPage d={d} editor={editorOf(c)} notice={notices[c.req.query("done") ?? ""]} />);
  })
  .get("/:week/email", async (c) => {
    const digest = await digestOf(c.var.ctx, weekOf(c));
    c.header("content-security-policy", emailFrameCsp);
    return c.html(readerCopy(digest, "all", { unsubscribeUrl: "#", preferencesUrl: "#" })!.html);
  })
  .post("/:week/items/:id/:action{move|drop|restore|pin|unpin}", async (c) => {
    const week = weekOf(c);
    const { id, action } = c.req.param();
    const body = await c.req.parseBody();
    const patches: Record<string, DigestPatch> = {
      move: { moves: [{ id, theme: field(body, "theme") }] },
      drop: { drops: [id] },
      restore: { restores: [id] },
      pin: { pins: [id] },
      unpin: { unpins: [id] },
    };
    await editDigest(c.var.ctx, week, patches[action]!, c.var.session.editor, c.var.now());
    return back(c, week, action, `#item-${id}`);
  })
  .post("/:week/note", async (c) => {
    const week = weekOf(c);
    const body = await c.req.parseBody();
    const patch = { note: field(body, "note"), subject: field(body, "subject") };
    await editDigest(c.var.ctx, week, patch, c.var.session.editor, c.var.now());
    return back(c, week, "note");
  })
  .post("/:week/test", async (c) => {
    const week = weekOf(c);
    const { editor } = c.var.session;
    await sendTestCopy(c.var.ctx, week, editor);
    await recordAction(
      c.var.ctx,
      { by: editor, action: "digest.test-copy", detail: `${week}: to ${editor}` },
      c.var.now(),
    );
    return back(c, week, "test");
  })
  .post("/:week/approve", async (c) => {
    const week = weekOf(c);
    await approveDigest(c.var.ctx, week, c.var.session.editor, c.var.deliveries, c.var.now());
    return back(c, week, "approve");
  });
