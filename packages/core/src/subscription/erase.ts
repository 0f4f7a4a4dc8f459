/**
 * Erasing a reader (GDPR art. 17), from the desk, the API or the reader's own "delete me": the row
 * at their key is replaced by a tombstone holding no address and no history — only the keyed-hash
 * id it sits at, state `erased` and when — and their send records go too (those of earlier
 * addresses as well). An import skips a tombstone, as it skips a suppressed reader, so no list
 * brings them back; a signup of their own may overwrite it (double opt-in again:
 * store/signup-claims.ts).
 */
import type { Context } from "../context.ts";
import { batchDelete } from "../store/batch.ts";
import { putIf } from "../store/conditional.ts";
import { listDigests } from "../store/digests.ts";
import { rowOf, sendKeys, subscriberKeys } from "../store/keys.ts";
import { countTransition } from "../store/reader-counts.ts";
import type { EmailAddress } from "./address.ts";
import { subscriberId } from "./subscriber.ts";

/** Who to erase: by address (the desk, the API) or by id (a reader's own link names the id). */
export type Erasable = { email: EmailAddress } | { id: string };

/**
 * Erases the reader; "not_found" when no reader has that address (or it was erased already).
 *
 * @example await eraseSubscriber(ctx, { email }, new Date())
 */
export async function eraseSubscriber(ctx: Context, who: Erasable, now: Date): Promise<"erased" | "not_found"> {
  const id = "id" in who ? who.id : await subscriberId(ctx, who.email);
  const at = now.toISOString();
  const tombstone = rowOf(subscriberKeys.type, subscriberKeys.key(id), {
    id,
    state: "erased",
    erasedAt: at,
    updatedAt: at,
  });
  const replaced = await putIf(ctx.db, {
    Item: tombstone,
    ConditionExpression: "attribute_exists(PK) AND #state <> :erased",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: { ":erased": "erased" },
    ReturnValues: "ALL_OLD",
  });
  if (!replaced) return "not_found";
  const old = replaced.Attributes ?? {};
  await countTransition(ctx.db, old.state as string | undefined, "erased", now);
  const ids = [id, ...((old.previousIds as string[] | undefined) ?? [])];
  const weeks = (await listDigests(ctx.db)).map((d) => d.week);
  await batchDelete(
    ctx.db,
    weeks.flatMap((week) => ids.map((sid) => sendKeys.key(week, sid))),
  );
  ctx.log.info("erase: reader erased", { subscriber: id, sendWeeks: weeks.length });
  return "erased";
}
