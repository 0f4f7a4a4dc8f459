/**
 * Editors' sign-in links (`signInLinkKeys`): a row per link, keyed by the SHA-256 of its token,
 * used once by a conditional delete that also checks its age, so two clicks cannot both sign in.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { deleteIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { rowOf, signInLinkKeys } from "./keys.ts";

export interface SignInLink {
  editor: string;
  createdAt: string;
  /** ISO instant after which the link no longer signs in. */
  validUntil: string;
}

export async function putSignInLink(db: Db, hash: string, link: SignInLink): Promise<void> {
  const expiresAt = Math.ceil(new Date(link.validUntil).getTime() / 1000) + 3600; // TTL sweeps it later
  const Item = rowOf(signInLinkKeys.type, signInLinkKeys.key(hash), { ...link, expiresAt });
  await db.client.send(new PutCommand({ TableName: db.table, Item }));
}

/** The link, if it exists (used links are gone); expiry is the caller's to judge. */
export async function getSignInLink(db: Db, hash: string): Promise<SignInLink | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: signInLinkKeys.key(hash), ConsistentRead: true }),
  );
  return Item as SignInLink | undefined;
}

/** Uses the link: deletes it if it is still valid at `now`, returning it; undefined otherwise. */
export async function takeSignInLink(db: Db, hash: string, now: Date): Promise<SignInLink | undefined> {
  const taken = await deleteIf(db, {
    Key: signInLinkKeys.key(hash),
    ConditionExpression: "attribute_exists(PK) AND validUntil > :now",
    ExpressionAttributeValues: { ":now": now.toISOString() },
    ReturnValues: "ALL_OLD",
  });
  return taken?.Attributes as SignInLink | undefined;
}
