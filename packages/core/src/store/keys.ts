/**
 * Every key of the one table, built here and nowhere else: each entity's primary key (PK, SK),
 * its GSI1 keys where it is listed, and the `type` every row carries. table.ts says which access
 * pattern each key serves. These formats are in live tables: changing one orphans the rows
 * written before it.
 */
import { subscriberIdBytes } from "../subscription/id.ts";

/** What a row holds. Rows written before `type` existed lack it; they are read all the same. */
export type EntityType =
  | "feed"
  | "item"
  | "digest"
  | "digest-stats"
  | "subscriber"
  | "send"
  | "rate-limit"
  | "reader-counts"
  | "sign-in-link"
  | "session"
  | "api-key"
  | "audit"
  | "setup"
  | "mailbox"
  | "installation-key"
  | "correction";

// Type aliases, not interfaces: they stay assignable to the SDK's Record<string, unknown> keys.
export type PrimaryKey = { PK: string; SK: string };
export type IndexKey = { GSI1PK: string; GSI1SK: string };
export type ListKey = { GSI2PK: string; GSI2SK: string };

type Row = Record<string, unknown>;

/** The attributes that place a row rather than describe it. */
const placement = ["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "type"] as const;

/** A row from an entity's attributes: its keys and `type` set here, never taken from the data. */
export function rowOf(type: EntityType, keys: PrimaryKey & Partial<IndexKey> & Partial<ListKey>, data: object): Row {
  return { ...data, ...keys, type };
}

/** An entity's attributes from its row: keys and `type` stripped, the one way it is done. */
export function dataOf(row: Row): Row {
  const data = { ...row };
  for (const attribute of placement) delete data[attribute];
  return data;
}

/** Feed state: `FEED#<feedKey>` / `STATE`; every feed in GSI1 `FEEDS`. */
export const feedKeys = {
  type: "feed",
  key: (feedKey: string): PrimaryKey => ({ PK: `FEED#${feedKey}`, SK: "STATE" }),
  index: (feedKey: string): IndexKey => ({ GSI1PK: "FEEDS", GSI1SK: feedKey }),
  /** The GSI1 partition listing every feed. */
  all: "FEEDS",
} as const;

const ITEM = "ITEM#";
const publishedIn = (month: string) => `PUB#${month}`;

/**
 * Items: `FEED#<feedKey>` / `ITEM#<itemKey>`, beside their feed's state; in GSI1 by publication
 * month (`PUB#<yyyy-mm>`), sorted by `<published>#<feedKey>#<itemKey>`.
 */
export const itemKeys = {
  type: "item",
  key: (feedKey: string, itemKey: string): PrimaryKey => ({ PK: `FEED#${feedKey}`, SK: `${ITEM}${itemKey}` }),
  index: (published: string, feedKey: string, itemKey: string): IndexKey => ({
    GSI1PK: publishedIn(published.slice(0, 7)),
    GSI1SK: `${published}#${feedKey}#${itemKey}`,
  }),
  /** The GSI1 partition of the items published in a UTC month (`yyyy-mm`). */
  publishedIn,
  /** What every item's SK starts with. */
  sortPrefix: ITEM,
  /** The item key an item row's SK holds. */
  itemKeyOf: (sk: string) => sk.slice(ITEM.length),
} as const;

/** Digests: `DIGEST#<week>` / `DIGEST`; every digest in GSI1 `DIGESTS`, sorted by week. */
export const digestKeys = {
  type: "digest",
  key: (week: string): PrimaryKey => ({ PK: `DIGEST#${week}`, SK: "DIGEST" }),
  index: (week: string): IndexKey => ({ GSI1PK: "DIGESTS", GSI1SK: week }),
  /** The GSI1 partition listing every digest. */
  all: "DIGESTS",
} as const;

/**
 * A digest's delivery figures: `DIGEST#<week>` / `STATS`, beside the digest, written by counters
 * (ADD) so the consumers, the SES events and the unsubscribe route never read before they write.
 */
export const digestStatsKeys = {
  type: "digest-stats",
  key: (week: string): PrimaryKey => ({ PK: `DIGEST#${week}`, SK: "STATS" }),
} as const;

/**
 * Active subscribers are spread over this many GSI1 partitions (`ACTIVE#0`…`ACTIVE#15`), so a
 * million of them are read in parallel and no single partition takes every write of a signup
 * wave. Changing it needs the GSI1 keys rewritten.
 */
export const ACTIVE_SHARDS = 16;

/** The shard of an active subscriber: the first byte of its id, mod ACTIVE_SHARDS. */
export function activeShard(id: string): number {
  const bytes = subscriberIdBytes(id);
  if (!bytes) throw new Error(`not a subscriber id: ${id}`);
  return bytes[0]! % ACTIVE_SHARDS;
}

const activeIn = (shard: number) => `ACTIVE#${shard}`;
const listedIn = (state: string) => `SUBS#${state}`;

/**
 * Subscribers: `SUB#<id>` / `SUB`; in GSI1 `ACTIVE#<shard>` only while active (sparse); in GSI2
 * `SUBS#<state>` by lower-cased address, for the desk's listing and search (not while erased).
 */
export const subscriberKeys = {
  type: "subscriber",
  key: (id: string): PrimaryKey => ({ PK: `SUB#${id}`, SK: "SUB" }),
  /** The GSI1 keys an active subscriber has (removed when it leaves). */
  activeIndex: (id: string): IndexKey => ({ GSI1PK: activeIn(activeShard(id)), GSI1SK: id }),
  /** The GSI1 partition of one shard of active subscribers. */
  activeIn,
  /** The GSI2 keys of a subscriber in a state (`addressKey`: the lower-cased address). */
  listIndex: (state: string, addressKey: string): ListKey => ({ GSI2PK: listedIn(state), GSI2SK: addressKey }),
  /** The GSI2 partition listing the subscribers in a state. */
  listedIn,
} as const;

/** Send records: `SEND#<week>` / `SUB#<subscriberId>`, one partition per digest. */
export const sendKeys = {
  type: "send",
  key: (week: string, subscriberId: string): PrimaryKey => ({ PK: `SEND#${week}`, SK: `SUB#${subscriberId}` }),
  /** The partition holding every send record of a digest. */
  of: (week: string) => `SEND#${week}`,
} as const;

/**
 * Rate-limit counters: `RATE#<scope>#<key>` / `<window length>s#<window start>` (epoch seconds).
 * The length keeps apart two limits on one key whose windows start together (a minute's and an
 * hour's, on the hour).
 */
export const rateLimitKeys = {
  type: "rate-limit",
  key: (scope: string, key: string, window: { seconds: number; start: number }): PrimaryKey => ({
    PK: `RATE#${scope}#${key}`,
    SK: `${window.seconds}s#${window.start}`,
  }),
} as const;

/**
 * Readers joining and leaving each state, by the ISO week it happened in: `READERS` / `WEEK#<week>`,
 * ADD counters only (store/reader-counts.ts). Summed, the weeks give today's counts and the chart.
 */
export const readerCountKeys = {
  type: "reader-counts",
  key: (week: string): PrimaryKey => ({ PK: "READERS", SK: `WEEK#${week}` }),
  partition: "READERS",
  sortPrefix: "WEEK#",
} as const;

/** An editor's sign-in link, by the SHA-256 of its token: `SIGNIN#<hash>` / `LINK`. */
export const signInLinkKeys = {
  type: "sign-in-link",
  key: (hash: string): PrimaryKey => ({ PK: `SIGNIN#${hash}`, SK: "LINK" }),
} as const;

const sessionsOf = (editor: string) => `SESSIONS#${editor}`;

/** An editor's session, by the SHA-256 of its token; an editor's sessions in GSI1 `SESSIONS#<editor>`. */
export const sessionKeys = {
  type: "session",
  key: (hash: string): PrimaryKey => ({ PK: `SESSION#${hash}`, SK: "SESSION" }),
  index: (editor: string, createdAt: string): IndexKey => ({ GSI1PK: sessionsOf(editor), GSI1SK: createdAt }),
  sessionsOf,
} as const;

/** API keys by their public id: `APIKEY#<id>` / `APIKEY`; every key in GSI1 `APIKEYS`, oldest first. */
export const apiKeyKeys = {
  type: "api-key",
  key: (id: string): PrimaryKey => ({ PK: `APIKEY#${id}`, SK: "APIKEY" }),
  index: (createdAt: string, id: string): IndexKey => ({ GSI1PK: "APIKEYS", GSI1SK: `${createdAt}#${id}` }),
  all: "APIKEYS",
} as const;

const auditIn = (month: string) => `AUDIT#${month}`;

/** The editors' audit log, one partition per UTC month: `AUDIT#<yyyy-mm>` / `<at ISO>#<entry id>`. */
export const auditKeys = {
  type: "audit",
  key: (at: string, entryId: string): PrimaryKey => ({ PK: auditIn(at.slice(0, 7)), SK: `${at}#${entryId}` }),
  auditIn,
} as const;

/** Things done once per installation (seeding the feeds, a backfill): `SETUP#<name>` / `DONE`. */
export const setupKeys = {
  type: "setup",
  key: (name: string): PrimaryKey => ({ PK: `SETUP#${name}`, SK: "DONE" }),
} as const;

/**
 * Keys of the installation itself (the subscriber-id key): `INSTALLATION` / `KEY#<name>`,
 * written once, never changed, exported and imported with everything else.
 */
export const installationKeys = {
  type: "installation-key",
  key: (name: string): PrimaryKey => ({ PK: "INSTALLATION", SK: `KEY#${name}` }),
} as const;

/**
 * A mailbox's confirmation budget: `MAILBOX#<mailboxKey>` / `CONFIRMATIONS`, the key a keyed
 * hash of the canonical mailbox (subscription/mailbox.ts), never the address.
 */
export const mailboxKeys = {
  type: "mailbox",
  key: (mailbox: string): PrimaryKey => ({ PK: `MAILBOX#${mailbox}`, SK: "CONFIRMATIONS" }),
} as const;

/**
 * An editor's correction of the classifier (a move in a draft, or a drop): one partition,
 * `CORRECTIONS` / `<week>#<itemId>`, so a later week's build reads those up to its week in one
 * Query and an item corrected again replaces its correction.
 */
export const correctionKeys = {
  type: "correction",
  key: (week: string, itemId: string): PrimaryKey => ({ PK: "CORRECTIONS", SK: `${week}#${itemId}` }),
  partition: "CORRECTIONS",
  /** The highest sort key of a week's corrections (`SK <= upTo(week)`: every week up to it). */
  upTo: (week: string) => `${week}#\uffff`,
} as const;
