/**
 * `/api/v1/digests/:week`: a digest as the editors see it (drafts included), its edits (PATCH
 * `{ moves?, drops?, pins?, note?, subject? }`) and its approval, which starts its delivery. 409
 * once delivery began. Core: review/.
 */
import { Hono, type Context as HonoContext } from "hono";
import { z } from "zod";
import { isWeekName } from "@tidings/core/digest/week";
import { TidingsError } from "@tidings/core/error";
import { approveDigest } from "@tidings/core/review/approve";
import { digestOf, editDigest } from "@tidings/core/review/edit";
import { NOTE_MAX, SUBJECT_MAX } from "@tidings/core/review/edits";
import { digestView } from "@tidings/core/review/view";
import { actor } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";

const ids = z.array(z.string().min(1).max(100)).max(1_000);

/** The PATCH body: every field optional, nothing else allowed. */
export const DigestPatchBody = z.strictObject({
  moves: z
    .array(z.strictObject({ id: z.string().min(1).max(100), theme: z.string().min(1).max(200) }))
    .max(1_000)
    .optional(),
  drops: ids.optional(),
  pins: ids.optional(),
  note: z.string().max(NOTE_MAX).optional(),
  subject: z.string().max(SUBJECT_MAX).optional(),
});

const weekOf = (c: HonoContext<AppEnv>) => {
  const week = c.req.param("week")!;
  if (!isWeekName(week)) throw new TidingsError("not_found", "digest.not_found", `There is no digest for ${week}.`);
  return week;
};

const reasons = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");

export const digestsApi = new Hono<AppEnv>()
  .get("/:week", async (c) => c.json(digestView(await digestOf(c.var.ctx, weekOf(c)))))
  .patch("/:week", async (c) => {
    const week = weekOf(c);
    const body = DigestPatchBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) {
      throw new TidingsError(
        "invalid",
        "api.digest_patch",
        `Send { "moves"?: [{ "id", "theme" }], "drops"?: ["id"], "pins"?: ["id"], "note"?, "subject"? }: ${reasons(body.error)}`,
      );
    }
    return c.json(digestView(await editDigest(c.var.ctx, week, body.data, actor(c), c.var.now())));
  })
  .post("/:week/approve", async (c) => {
    const digest = await approveDigest(c.var.ctx, weekOf(c), actor(c), c.var.deliveries, c.var.now());
    return c.json(digestView(digest), 202);
  });
