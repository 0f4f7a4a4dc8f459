/**
 * The one DynamoDB table, single-table design. This definition is the source of truth for
 * both `sst.config.ts` (sst.aws.Dynamo) and the local stack (CreateTable on dynalite).
 *
 * Access patterns (entity: key → what it serves). keys.ts builds every key below, and every row
 * carries its entity as `type` (feed, item, digest, subscriber, send, rate-limit); each entity's
 * file maps rows to and from its shape (`toRow`/`fromRow`), and every conditional write goes
 * through conditional.ts (`putIf`, `updateIf`, `deleteIf`).
 *
 * | entity       | PK                 | SK               | GSI1PK              | GSI1SK                       |
 * |--------------|--------------------|------------------|---------------------|------------------------------|
 * | feed state   | FEED#<feedKey>     | STATE            | FEEDS               | <feedKey>                    |
 * | item         | FEED#<feedKey>     | ITEM#<itemKey>   | PUB#<yyyy-mm>       | <published ISO>#<feedKey>#<itemKey> |
 * | digest       | DIGEST#<week>      | DIGEST           | DIGESTS             | <week>                       |
 * | digest stats | DIGEST#<week>      | STATS            | —                   | —  (ADD counters: sent, failed, skipped, bounced, complained, unsubscribed) |
 * | subscriber   | SUB#<subscriberId> | SUB              | ACTIVE#<shard>      | <subscriberId>  (only while active: sparse; expires via `expiresAt` only while pending) |
 * | send record  | SEND#<week>        | SUB#<subscriberId> | —                 | —                            |
 * | rate limit   | RATE#<scope>#<key> | <len>s#<start>   | —                   | —  (expires via `expiresAt`) |
 *
 * - a feed's state: GetItem `FEED#<feedKey>` / `STATE`; every feed: Query GSI1 `FEEDS`;
 * - items published in a time range (the week's digest): Query GSI1 on each month the range
 *   touches, GSI1SK BETWEEN the two instants (an undated item is filed under when it was
 *   first seen);
 * - has this item changed since the last run: BatchGetItem on the feed's current item keys
 *   (each row keeps a content hash), so an unchanged item is never written again;
 * - a digest: GetItem `DIGEST#<week>`; created with a conditional Put (`attribute_not_exists`),
 *   replaced only until its delivery began (`attribute_not_exists(sendStartedAt)`);
 * - the archive of digests, newest first: Query GSI1 `DIGESTS`, descending;
 * - active subscribers in pages: Query GSI1 `ACTIVE#0..15` (shard = first byte of the id mod 16;
 *   shards spread a million subscribers over several partitions, read in parallel);
 * - a subscriber by address: GetItem `SUB#<id>`, the id being `sub_` + a keyed hash of the
 *   lower-cased address; every state change is one conditional UpdateItem on that key;
 * - unconfirmed signups are forgotten: a pending subscriber row carries `expiresAt`, 30 days after
 *   its last confirmation email (each signup that sends one moves it on); confirming, leaving
 *   or being suppressed removes it, so active, unsubscribed and suppressed rows never expire;
 * - signup rate limits: conditional UpdateItem (ADD hits) on `RATE#signup-client#<ip or /64>` and
 *   `RATE#signup-email#<subscriberId>`, SK the window's length and start
 *   (`60s#<epoch seconds>`);
 * - exactly-once sends: conditional Put on (SEND#week, SUB#id) claims, a conditional Update
 *   completes (only the claim's holder), a conditional Delete gives the claim back;
 * - a digest's send totals: Query PK `SEND#<week>`.
 */
export const tableDefinition = {
  fields: { PK: "string", SK: "string", GSI1PK: "string", GSI1SK: "string" },
  primaryIndex: { hashKey: "PK", rangeKey: "SK" },
  globalIndexes: { GSI1: { hashKey: "GSI1PK", rangeKey: "GSI1SK" } },
  /** Epoch seconds; DynamoDB deletes expired rows (a deploy-time setting: dynalite has no TTL). */
  ttl: "expiresAt",
} as const;

export const GSI1 = "GSI1";
