/**
 * The installation's own keys (`installationKeys` in keys.ts), one row each, written once with a
 * conditional Put so two processes racing to create one end up with the same.
 */
import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { putIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { dataOf, installationKeys, rowOf } from "./keys.ts";

export interface InstallationKey {
  name: string;
  /** 32 bytes, base64url. */
  value: string;
  /** How it was made: derived from the token secret an installation had (its ids unchanged), or random. */
  origin: "derived-from-token-secret" | "random";
  createdAt: string;
}

export async function getInstallationKey(db: Db, name: string): Promise<InstallationKey | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: installationKeys.key(name), ConsistentRead: true }),
  );
  return Item ? (dataOf(Item) as unknown as InstallationKey) : undefined;
}

/** Stores the key unless the installation has one already; returns the one that stands. */
export async function putInstallationKey(db: Db, key: InstallationKey): Promise<InstallationKey> {
  const row = rowOf(installationKeys.type, installationKeys.key(key.name), key);
  if (await putIf(db, { Item: row, ConditionExpression: "attribute_not_exists(PK)" })) return key;
  return (await getInstallationKey(db, key.name))!;
}

/**
 * Any one subscriber row that holds an address (a Scan that stops at the first: it runs once per
 * installation, when the id key is first needed). Undefined for an installation without readers.
 */
export async function anySubscriberWithAddress(db: Db): Promise<{ id: string; email: string } | undefined> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: db.table,
        FilterExpression: "begins_with(PK, :sub) AND SK = :sk AND attribute_exists(email)",
        ExpressionAttributeValues: { ":sub": "SUB#", ":sk": "SUB" },
        ProjectionExpression: "#id, email",
        ExpressionAttributeNames: { "#id": "id" },
        ExclusiveStartKey: start,
      }),
    );
    const found = page.Items?.[0];
    if (found) return found as { id: string; email: string };
    start = page.LastEvaluatedKey;
  } while (start);
  return undefined;
}
