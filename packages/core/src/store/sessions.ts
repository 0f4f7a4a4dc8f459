/**
 * Editors' sessions (`sessionKeys`): server-side rows keyed by the SHA-256 of the cookie's value,
 * each holding its editor, its expiry and its CSRF token; an editor's sessions listed in GSI1,
 * so "sign out everywhere" deletes them all.
 */
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./batch.ts";
import type { Db } from "./db.ts";
import { dataOf, rowOf, sessionKeys } from "./keys.ts";
import { GSI1 } from "./table.ts";

export interface Session {
  editor: string;
  createdAt: string;
  /** ISO instant the session ends. */
  validUntil: string;
  /** The synchronizer token every state-changing form of this session carries. */
  csrf: string;
  clientAddress: string;
  userAgent: string;
}

export async function putSession(db: Db, hash: string, s: Session): Promise<void> {
  const expiresAt = Math.ceil(new Date(s.validUntil).getTime() / 1000);
  const keys = { ...sessionKeys.key(hash), ...sessionKeys.index(s.editor, s.createdAt) };
  await db.client.send(
    new PutCommand({ TableName: db.table, Item: rowOf(sessionKeys.type, keys, { ...s, hash, expiresAt }) }),
  );
}

export async function getSession(db: Db, hash: string): Promise<Session | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: sessionKeys.key(hash), ConsistentRead: true }),
  );
  return Item ? (dataOf(Item) as unknown as Session) : undefined;
}

export async function deleteSession(db: Db, hash: string): Promise<void> {
  await db.client.send(new DeleteCommand({ TableName: db.table, Key: sessionKeys.key(hash) }));
}

/** Deletes every session of an editor; returns how many there were. */
export async function deleteSessionsOf(db: Db, editor: string): Promise<number> {
  const rows = await queryAll(db, {
    IndexName: GSI1,
    KeyConditionExpression: "GSI1PK = :p",
    ExpressionAttributeValues: { ":p": sessionKeys.sessionsOf(editor) },
    ProjectionExpression: "#h",
    ExpressionAttributeNames: { "#h": "hash" },
  });
  for (const row of rows) await deleteSession(db, row.hash as string);
  return rows.length;
}
