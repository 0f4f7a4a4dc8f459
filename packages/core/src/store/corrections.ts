/**
 * The editors' corrections of the classifier (`correctionKeys`): each move of an item to another
 * theme in a draft, with the item's text, so later builds learn from it; and each drop, recorded
 * for the desk. One row per (week, item): correcting an item again replaces its row.
 */
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { deleteIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { correctionKeys, dataOf, rowOf } from "./keys.ts";

export interface StoredCorrection {
  week: string;
  /** The item's public id (`itm_…`). */
  itemId: string;
  kind: "move" | "drop";
  /** What the classifier reads of the item (theme/features.ts). */
  title: string;
  summary: string;
  categories: string[];
  source: string;
  /** Where the classifier filed it. */
  from: string;
  /** The editor's theme (a move); absent for a drop. */
  theme?: string;
  by: string;
  at: string;
}

export async function putCorrection(db: Db, c: StoredCorrection): Promise<void> {
  await db.client.send(
    new PutCommand({ TableName: db.table, Item: rowOf(correctionKeys.type, correctionKeys.key(c.week, c.itemId), c) }),
  );
}

/** Removes a correction; the row as it was, or undefined when there was none. */
export async function deleteCorrection(db: Db, week: string, itemId: string): Promise<StoredCorrection | undefined> {
  const deleted = await deleteIf(db, {
    Key: correctionKeys.key(week, itemId),
    ConditionExpression: "attribute_exists(PK)",
    ReturnValues: "ALL_OLD",
  });
  return deleted?.Attributes ? (dataOf(deleted.Attributes) as unknown as StoredCorrection) : undefined;
}

/**
 * Corrections, newest week first: every one (the desk), or those of `upTo` and the weeks before
 * it (a build of that week), at most `limit`.
 */
export async function listCorrections(
  db: Db,
  { upTo, limit = 2_000 }: { upTo?: string; limit?: number } = {},
): Promise<StoredCorrection[]> {
  const out: StoredCorrection[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: upTo ? "PK = :p AND SK <= :upTo" : "PK = :p",
        ExpressionAttributeValues: {
          ":p": correctionKeys.partition,
          ...(upTo ? { ":upTo": correctionKeys.upTo(upTo) } : {}),
        },
        ScanIndexForward: false,
        Limit: limit - out.length,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []).map((row) => dataOf(row) as unknown as StoredCorrection));
    start = page.LastEvaluatedKey;
  } while (start && out.length < limit);
  return out;
}
