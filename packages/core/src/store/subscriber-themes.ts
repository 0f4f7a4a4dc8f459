/**
 * A reader's chosen themes on their subscriber row (`themes`): one conditional UpdateItem, on a
 * reader who still has an address (not an erased tombstone, not a row that never existed).
 */
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";

/**
 * Stores the themes a reader chose; undefined removes the choice (every theme). False when there
 * is no such reader.
 */
export async function saveThemes(db: Db, id: string, themes: string[] | undefined, now: Date): Promise<boolean> {
  const saved = await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression: themes ? "SET themes = :themes, updatedAt = :now" : "SET updatedAt = :now REMOVE themes",
    ConditionExpression: "attribute_exists(email)",
    ExpressionAttributeValues: { ":now": now.toISOString(), ...(themes ? { ":themes": themes } : {}) },
  });
  return saved !== undefined;
}
