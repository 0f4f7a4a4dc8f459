/**
 * API keys (`apiKeyKeys`): a row per key under its public id, holding the SHA-256 of the key,
 * never the key; listed oldest first through GSI1. Revoking keeps the row (the list shows it).
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./batch.ts";
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { apiKeyKeys, dataOf, rowOf } from "./keys.ts";
import { GSI1 } from "./table.ts";

export interface ApiKey {
  /** Public: part of the key itself, shown in the list and used to revoke it. */
  id: string;
  name: string;
  /** SHA-256 of the whole key. */
  hash: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt?: string;
  revokedAt?: string;
  revokedBy?: string;
}

export async function putApiKey(db: Db, key: ApiKey): Promise<void> {
  const keys = { ...apiKeyKeys.key(key.id), ...apiKeyKeys.index(key.createdAt, key.id) };
  await db.client.send(new PutCommand({ TableName: db.table, Item: rowOf(apiKeyKeys.type, keys, key) }));
}

export async function getApiKey(db: Db, id: string): Promise<ApiKey | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: apiKeyKeys.key(id), ConsistentRead: true }),
  );
  return Item ? (dataOf(Item) as unknown as ApiKey) : undefined;
}

export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  const rows = await queryAll(db, {
    IndexName: GSI1,
    KeyConditionExpression: "GSI1PK = :p",
    ExpressionAttributeValues: { ":p": apiKeyKeys.all },
  });
  return rows.map((row) => dataOf(row) as unknown as ApiKey);
}

/** Marks a key revoked (once); false when there is no such key or it was revoked already. */
export async function revokeApiKeyRow(db: Db, id: string, by: string, now: Date): Promise<boolean> {
  const revoked = await updateIf(db, {
    Key: apiKeyKeys.key(id),
    UpdateExpression: "SET revokedAt = :now, revokedBy = :by",
    ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(revokedAt)",
    ExpressionAttributeValues: { ":now": now.toISOString(), ":by": by },
  });
  return revoked !== undefined;
}

/** Records a use, at most once per `everyMs` (a busy client does not write on every request). */
export async function touchApiKey(db: Db, id: string, now: Date, everyMs: number): Promise<void> {
  await updateIf(db, {
    Key: apiKeyKeys.key(id),
    UpdateExpression: "SET lastUsedAt = :now",
    ConditionExpression: "attribute_exists(PK) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :before)",
    ExpressionAttributeValues: {
      ":now": now.toISOString(),
      ":before": new Date(now.getTime() - everyMs).toISOString(),
    },
  });
}
