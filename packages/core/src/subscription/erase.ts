/**
 * Erasure (GDPR art. 17): the reader's row becomes a tombstone at the same key — no address, no
 * history, state `erased` — and their send records go too (those of earlier addresses as well).
 * The tombstone keeps an import from bringing them back; a signup of their own replaces it
 * (double opt-in again: store/signup-claims.ts).
 */
import type { Context } from "../context.ts";
import { batchDelete } from "../store/batch.ts";
import { putIf } from "../store/conditional.ts";
import { listDigests } from "../store/digests.ts";
import { rowOf, sendKeys, subscriberKeys } from "../store/keys.ts";
import { getSubscriber } from "../store/subscribers.ts";

/**
 * Erases a subscriber. "missing" when there is no such reader (never was, or erased already).
 *
 * @example await eraseSubscriber(ctx, subscriberId(secret, address), new Date())
 */
export async function eraseSubscriber(ctx: Context, id: string, now: Date): Promise<"erased" | "missing"> {
  const reader = await getSubscriber(ctx.db, id);
  if (!reader || reader.state === "erased") return "missing";
  const tombstone = { id, state: "erased", erasedAt: now.toISOString() };
  const replaced = await putIf(ctx.db, {
    Item: rowOf(subscriberKeys.type, subscriberKeys.key(id), tombstone),
    ConditionExpression: "attribute_exists(PK)",
  });
  if (!replaced) return "missing";
  const ids = [id, ...(reader.previousIds ?? [])];
  const weeks = (await listDigests(ctx.db)).map((d) => d.week);
  await batchDelete(
    ctx.db,
    weeks.flatMap((week) => ids.map((sid) => sendKeys.key(week, sid))),
  );
  ctx.log.info("subscriber erased", { subscriber: id, sendWeeks: weeks.length });
  return "erased";
}
