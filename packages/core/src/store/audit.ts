/**
 * The editors' audit log (`auditKeys`): one row per action, partitioned by UTC month and sorted by
 * time, read newest first a month at a time.
 */
import { randomBytes } from "node:crypto";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db.ts";
import { auditKeys, dataOf, rowOf } from "./keys.ts";

export interface AuditEntry {
  at: string;
  /** The editor's address, or `api-key:<name>`, or `cli`. */
  by: string;
  /** What was done, e.g. `sign-in`, `import`, `feed.add`, `api-key.revoke`. */
  action: string;
  /** A short account of it, without any reader's address when the action is an erasure. */
  detail: string;
}

export async function putAuditEntry(db: Db, entry: AuditEntry): Promise<void> {
  const key = auditKeys.key(entry.at, randomBytes(6).toString("base64url"));
  await db.client.send(new PutCommand({ TableName: db.table, Item: rowOf(auditKeys.type, key, entry) }));
}

/** The newest entries, at most `limit`, looking back at most `months` months from `now`. */
export async function listAuditEntries(db: Db, now: Date, { limit = 100, months = 12 } = {}): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  for (let i = 0; i < months && out.length < limit; i++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.client.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: "PK = :p",
          ExpressionAttributeValues: { ":p": auditKeys.auditIn(month.toISOString().slice(0, 7)) },
          ScanIndexForward: false,
          Limit: limit - out.length,
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).map((row) => dataOf(row) as unknown as AuditEntry));
      start = page.LastEvaluatedKey;
    } while (start && out.length < limit);
    month.setUTCMonth(month.getUTCMonth() - 1);
  }
  return out;
}
