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

/**
 * Where a digest stands (review/README in the main README: "Reviewing a digest"):
 * - `draft`: built for the editors to review (REVIEW=on); never public; editable;
 * - `approved`: public and ready to send, still editable until delivery begins (REVIEW=off
 *   builds are born approved; an editor's approval passes through it on the way to sending);
 * - `sending`: delivery began (`sendStartedAt`): final; readers are still being mailed (or the
 *   send is paused or stopped);
 * - `sent`: final, and every reader the fan-out queued is accounted for.
 * Rows written before statuses existed read as `sent` once their delivery began, else `approved`.
 */
export type DigestStatus = "draft" | "approved" | "sending" | "sent";

/** Whether anyone may see it: every digest but an unapproved draft. */
export const isPublic = (d: Pick<DigestSummary, "status">) => d.status !== "draft";

/** A digest whose delivery began never changes again. */
export const isFinal = (d: Pick<DigestSummary, "status">) => d.status === "sending" || d.status === "sent";

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
  status: DigestStatus;
  /** When the editors were emailed a link to review the draft (the weekly job, REVIEW=on). */
  reviewRequestedAt?: string;
  /** Who approved it (an editor, `api-key:NAME`, or `deadline` when REVIEW_DEADLINE=send did) and when. */
  approvedBy?: string;
  approvedAt?: string;
  /** A draft the next week's job found unapproved: what REVIEW_DEADLINE made of it, and when. */
  deadline?: { action: "skipped" | "sent"; at: string };
  /**
   * Set while the reputation guard holds a `sending` digest's delivery (store/send-pause.ts): it
   * stays `sending` (final, begun, not every reader done) until a resume lets it finish.
   */
  sendPause?: { at: string; reason: string };
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
  /** Bumped by every change after the build (edits, approval): an edit applies to the revision it read. */
  revision: number;
  /** The classifier's filing and the editors' edits on it (absent in digests built before review). */
  review?: DigestReview;
}

/** What review needs to re-render a digest after an edit (kept in the gzipped body). */
export interface DigestReview {
  /** Every theme at the build, in display order (the fallback last): an item may move to any. */
  themes: string[];
  /** Where the classifier filed each item, by item id, before any edit. */
  filed: Record<string, string>;
  /** The words that counted for each item's theme (theme/model.ts `explain`), strongest first. */
  why: Record<string, { by: "words" | "label"; words: { word: string; weight: number }[] }>;
  edits: DigestEdits;
}

/** The editors' changes to a digest, applied on the classifier's filing at every render (review/edits.ts). */
export interface DigestEdits {
  /** Item id → the theme an editor moved it to. */
  moves: Record<string, string>;
  /** Item ids left out of the digest. */
  drops: string[];
  /** Item ids shown first in their theme, in this order. */
  pins: string[];
  /** The editor's note (Markdown subset: review/note.ts), shown above the first theme; "" for none. */
  note: string;
  /** The subject every reader gets instead of the one led by their first headline; "" for none. */
  subject: string;
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
  "status",
  "reviewRequestedAt",
  "approvedBy",
  "approvedAt",
  "deadline",
  "sendPause",
] as const;
/** DynamoDB's row limit, less room for the attribute names. */
const maxRowBytes = 390 * 1024;

type Bodies = Pick<Digest, "webHtml" | "review"> & ({ parts: DigestParts } | Pick<Digest, "html" | "text">);

/** The status a row stands for, including rows written before statuses (see DigestStatus). */
export function statusOf(row: { status?: unknown; sendStartedAt?: unknown }): DigestStatus {
  if (row.status === "sent") return "sent";
  if (row.sendStartedAt) return row.status === undefined ? "sent" : "sending";
  return row.status === "draft" ? "draft" : "approved";
}

function toRow(d: Digest): Record<string, unknown> {
  const { html, text, webHtml, parts, review, ...rest } = d;
  const bodies: Bodies = parts ? { parts, webHtml, review } : { html, text, webHtml, review };
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
    status: statusOf(rest),
    revision: Number(rest.revision ?? 0),
    ...(bodies.review ? { review: bodies.review } : {}),
  };
}

const summaryOf = (row: Record<string, unknown>) => ({ ...row, status: statusOf(row) }) as unknown as DigestSummary;

/**
 * Stores a digest. Without `replace` it only creates: if the week already has one, that one is
 * kept and returned as `exists` (two builds racing store one digest). With `replace` it writes
 * over the revision the caller read (`digest.revision - 1`), and only until delivery began.
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
  const read = digest.revision - 1;
  const stored = await putIf(db, {
    Item: row,
    ...(replace
      ? {
          // Revision 0 is also a row written before revisions existed.
          ConditionExpression: `attribute_not_exists(sendStartedAt) AND ${read === 0 ? "(attribute_not_exists(revision) OR revision = :read)" : "revision = :read"}`,
          ExpressionAttributeValues: { ":read": read },
        }
      : { ConditionExpression: "attribute_not_exists(PK)" }),
  });
  if (stored) return replace ? "replaced" : "created";
  if (!replace) return "exists";
  const now = await getDigest(db, digest.week);
  if (now && isFinal(now)) throw digestSentError(digest.week);
  throw new TidingsError(
    "conflict",
    "digest.changed",
    `the digest of ${digest.week} was changed meanwhile (by another editor, or approved): reload it and try again`,
  );
}

/** A digest whose delivery has begun is final: readers all get the same issue. */
export const digestSentError = (week: string) =>
  new TidingsError(
    "conflict",
    "digest.final",
    `the digest of ${week} is being sent or was sent: it is final, and changing it now would give readers different issues`,
  );

const draftError = (week: string) =>
  new TidingsError(
    "conflict",
    "digest.draft",
    `the digest of ${week} is a draft awaiting review: an editor approves it (the desk, or POST /api/v1/digests/${week}/approve) to send it`,
  );

const noDigest = (week: string) =>
  new TidingsError("not_found", "send.no_digest", `there is no digest of ${week} to send`);

/**
 * Marks the start of delivery (once; later calls keep the first time): the digest is `sending`
 * and final from here. A draft is refused: it must be approved first. True for the call that
 * began it.
 */
export async function markSendStarted(db: Db, week: string, at: Date): Promise<boolean> {
  const marked = await updateIf(db, {
    ReturnValues: "ALL_OLD",
    Key: digestKeys.key(week),
    UpdateExpression: "SET sendStartedAt = if_not_exists(sendStartedAt, :at), #status = :sending",
    ConditionExpression: "attribute_exists(PK) AND (attribute_not_exists(#status) OR #status IN (:approved, :sending))",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":at": at.toISOString(), ":sending": "sending", ":approved": "approved" },
  });
  if (marked) return !marked.Attributes?.sendStartedAt;
  const digest = await getDigest(db, week);
  if (!digest) throw noDigest(week);
  if (digest.status === "draft") throw draftError(week);
  // Sent already: a rerun of its fan-out, which the send records make harmless.
  return false;
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

/** Every digest's summary, drafts included, newest week first (bodies are not read). */
export async function listDigests(db: Db): Promise<DigestSummary[]> {
  return (await queryAll(db, summaryQuery)).map(summaryOf);
}

/** The digests anyone may see (no unapproved draft), newest week first. */
export async function listPublicDigests(db: Db): Promise<DigestSummary[]> {
  return (await listDigests(db)).filter(isPublic);
}

/** The newest public digest's summary (the landing page's sample link): a Query of a page or so. */
export async function latestDigest(db: Db): Promise<DigestSummary | undefined> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({ ...summaryQuery, TableName: db.table, Limit: 5, ExclusiveStartKey: start }),
    );
    const found = (page.Items ?? []).map(summaryOf).find(isPublic);
    if (found) return found;
    start = page.LastEvaluatedKey;
  } while (start);
  return undefined;
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
