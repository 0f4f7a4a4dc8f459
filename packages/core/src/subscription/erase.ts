/**
 * Erasing a reader (GDPR art. 17), from the desk, the API or the reader's own "delete me": the row
 * at their key is replaced by a tombstone holding no address and no history — only the keyed-hash
 * id it sits at, state `erased` and when. An import skips a tombstone, as it skips a suppressed
 * reader, so no list brings them back; a signup of their own may overwrite it (double opt-in
 * again). The send records of past digests keep only that same id (they stop a digest going out
 * twice), never the address.
 */
import type { Context } from "../context.ts";
import { putIf } from "../store/conditional.ts";
import { subscriberKeys, rowOf } from "../store/keys.ts";
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
  await countTransition(ctx.db, replaced.Attributes?.state as string | undefined, "erased", now);
  ctx.log.info("erase: reader erased", { subscriber: id });
  return "erased";
}
