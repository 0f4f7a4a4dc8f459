/**
 * Digests in the table: one row per ISO week (`digestKeys` in keys.ts), listed newest first
 * through GSI1. The bodies (the email's parts, or for a digest built before parts its whole HTML
 * and text; the web HTML) are stored gzipped in one binary attribute: a busy week's web edition
 * alone can pass DynamoDB's 400 KB row limit as plain text, and the archive listing never reads them.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { wholeEmail } from "../email/assemble.ts";
import type { DigestParts } from "../digest/parts.ts";
import { GetCommand, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { TidingsError } from "../error.ts";
import { queryAll } from "./batch.ts";
import { putIf, updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { dataOf, digestKeys, rowOf } from "./keys.ts";
import { GSI1 } from "./table.ts";

/** One digest item as the archive shows it (the JSON at `/digests/:week.json`). */
export interface DigestEntry {
  id: string;
  title: string;
  link: string;
  source: string;
  published: string;
}

/** What the archive lists. */
export interface DigestSummary {
  week: string;
  /** Calendar dates (YYYY-MM-DD) of the week's Monday and Sunday in `timeZone`. */
  firstDay: string;
  lastDay: string;
  timeZone: string;
  subject: string;
  itemCount: number;
  createdAt: string;
  /** When delivery began; from then on the digest is never rendered anew (readers get one issue). */
  sendStartedAt?: string;
}

export interface Digest extends DigestSummary {
  /**
   * The email with every theme: placeholders where each reader's values go (see
   * email/personalise.ts). Read from `parts` when the digest has them (not stored twice).
   */
  html: string;
  text: string;
  /**
   * The email cut into parts, from which each reader's copy is assembled (email/assemble.ts).
   * Absent in digests built before readers chose themes: those are sent whole.
   */
  parts?: DigestParts;
  /** The browser edition: every item, no personal links. */
  webHtml: string;
  /** Every item of the week, once, by theme in display order (the email may show fewer). */
  sections: { theme: string; items: DigestEntry[] }[];
}

const summaryFields = [
  "week",
  "firstDay",
  "lastDay",
  "timeZone",
  "subject",
  "itemCount",
  "createdAt",
  "sendStartedAt",
] as const;
/** DynamoDB's row limit, less room for the attribute names. */
const maxRowBytes = 390 * 1024;

type Bodies = Pick<Digest, "webHtml"> & ({ parts: DigestParts } | Pick<Digest, "html" | "text">);

function toRow(d: Digest): Record<string, unknown> {
  const { html, text, webHtml, parts, ...rest } = d;
  const bodies: Bodies = parts ? { parts, webHtml } : { html, text, webHtml };
  const body = gzipSync(JSON.stringify(bodies));
  return rowOf(digestKeys.type, { ...digestKeys.key(d.week), ...digestKeys.index(d.week) }, { ...rest, body });
}

function fromRow(row: Record<string, unknown>): Digest {
  const { body, ...rest } = dataOf(row);
  const bodies = JSON.parse(gunzipSync(body as Uint8Array).toString("utf8")) as Bodies;
  const email = "parts" in bodies ? { ...wholeEmail(bodies.parts), parts: bodies.parts } : bodies;
  return {
    ...(rest as Omit<Digest, "html" | "text" | "webHtml">),
    ...email,
    subject: rest.subject as string,
    webHtml: bodies.webHtml,
  };
}

/**
 * Stores a digest. Without `replace` it only creates: if the week already has one, that one is
 * kept and returned as `exists` (two builds racing store one digest).
 */
export async function putDigest(
  db: Db,
  digest: Digest,
  { replace = false } = {},
): Promise<"created" | "replaced" | "exists"> {
  const row = toRow(digest);
  const size = JSON.stringify({ ...row, body: undefined }).length + (row.body as Uint8Array).byteLength;
  if (size > maxRowBytes) {
    throw new TidingsError(
      "too_large",
      "digest.too_large",
      `the digest of ${digest.week} is ${Math.round(size / 1024)} KB, over DynamoDB's 400 KB row limit`,
    );
  }
  const stored = await putIf(db, {
    Item: row,
    ConditionExpression: replace ? "attribute_not_exists(sendStartedAt)" : "attribute_not_exists(PK)",
  });
  if (stored) return replace ? "replaced" : "created";
  if (!replace) return "exists";
  throw digestSentError(digest.week);
}

/** A digest whose delivery has begun is final: readers all get the same issue. */
export const digestSentError = (week: string) =>
  new TidingsError(
    "invalid",
    "digest.sending",
    `the digest of ${week} is being sent or was sent: rebuilding it would give readers different issues`,
  );

/** Marks the start of delivery (once; later calls keep the first time). */
export async function markSendStarted(db: Db, week: string, at: Date): Promise<void> {
  const marked = await updateIf(db, {
    Key: digestKeys.key(week),
    UpdateExpression: "SET sendStartedAt = if_not_exists(sendStartedAt, :at)",
    ConditionExpression: "attribute_exists(PK)",
    ExpressionAttributeValues: { ":at": at.toISOString() },
  });
  if (!marked) throw new TidingsError("not_found", "send.no_digest", `there is no digest of ${week} to send`);
}

/** The digest of a week, or undefined when there is none. */
export async function getDigest(db: Db, week: string): Promise<Digest | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: digestKeys.key(week), ConsistentRead: true }),
  );
  return Item ? fromRow(Item) : undefined;
}

/** Digest summaries from GSI1 `DIGESTS`, newest week first (bodies are not read). */
const summaryQuery = {
  IndexName: GSI1,
  KeyConditionExpression: "GSI1PK = :p",
  ExpressionAttributeValues: { ":p": digestKeys.all },
  ProjectionExpression: summaryFields.map((f) => `#${f}`).join(", "),
  ExpressionAttributeNames: Object.fromEntries(summaryFields.map((f) => [`#${f}`, f])),
  ScanIndexForward: false,
} satisfies Omit<QueryCommandInput, "TableName">;

/** Every digest's summary, newest week first (bodies are not read). */
export async function listDigests(db: Db): Promise<DigestSummary[]> {
  return (await queryAll(db, summaryQuery)) as unknown as DigestSummary[];
}

/** The newest digest's summary (the landing page's sample link): one Query, one row. */
export async function latestDigest(db: Db): Promise<DigestSummary | undefined> {
  const { Items } = await db.client.send(new QueryCommand({ ...summaryQuery, TableName: db.table, Limit: 1 }));
  return Items?.[0] as DigestSummary | undefined;
}

/** The newest week whose delivery began (an unsubscribe is counted against it), or undefined. */
export async function latestSentWeek(db: Db): Promise<string | undefined> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: GSI1,
        KeyConditionExpression: "GSI1PK = :p",
        ExpressionAttributeValues: { ":p": digestKeys.all },
        ProjectionExpression: "week, sendStartedAt",
        ScanIndexForward: false,
        Limit: 10,
        ExclusiveStartKey: start,
      }),
    );
    const sent = page.Items?.find((row) => row.sendStartedAt);
    if (sent) return sent.week as string;
    start = page.LastEvaluatedKey;
  } while (start);
  return undefined;
}
