/** What a send reads of its recipients, fresh, just before it mails them. */
import type { Subscriber } from "../subscription/subscriber.ts";
import { batchGet } from "./batch.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";

/** What a send needs to know of a recipient, read fresh when the send happens. */
export type Recipient = Pick<Subscriber, "id" | "email" | "state" | "themes">;

/**
 * The current state and chosen themes of up to a few hundred subscribers (strongly consistent
 * BatchGetItem): a reader who left since the fan-out is not mailed, one who changed their themes
 * gets the new choice.
 */
export async function getRecipients(db: Db, ids: readonly string[]): Promise<Map<string, Recipient>> {
  const rows = await batchGet(
    db,
    ids.map((id) => subscriberKeys.key(id)),
    ["id", "email", "state", "themes"],
    { consistent: true },
  );
  return new Map(rows.map((row) => [row.id as string, row as Recipient]));
}
