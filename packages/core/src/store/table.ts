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
 * | installation key | INSTALLATION   | KEY#<name>       | —                   | —  (the subscriber-id key: written once) |
 * | mailbox budget | MAILBOX#<key>    | CONFIRMATIONS    | —                   | —  (expires via `expiresAt`) |
 * | reader counts| READERS            | WEEK#<week>      | —                   | —  (ADD counters per state)  |
 * | sign-in link | SIGNIN#<sha256>    | LINK             | —                   | —  (expires via `expiresAt`) |
 * | session      | SESSION#<sha256>   | SESSION          | SESSIONS#<editor>   | <createdAt>  (expires via `expiresAt`) |
 * | API key      | APIKEY#<keyId>     | APIKEY           | APIKEYS             | <createdAt>#<keyId>          |
 * | audit entry  | AUDIT#<yyyy-mm>    | <at>#<entryId>   | —                   | —                            |
 * | setup marker | SETUP#<name>       | DONE             | —                   | —                            |
 * | correction   | CORRECTIONS        | <week>#<itemId>  | —                   | —                            |
 *
 * GSI2 (GSI2PK / GSI2SK) lists subscribers for the desk: `SUBS#<state>` / lower-cased address,
 * on every subscriber row but an erased one's tombstone.
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
 * - signup rate limits: conditional UpdateItem (ADD hits) on `RATE#signup-client#<ip or /64>`,
 *   `RATE#signup-email#<subscriberId>` and `RATE#signup-mailbox#<mailboxKey>`, SK the window's
 *   length and start (`60s#<epoch seconds>`);
 * - confirmation emails per mailbox (every spelling of it): conditional UpdateItem on
 *   `MAILBOX#<mailboxKey>` (at most 3 while unconfirmed, one per 10 minutes); deleted on confirm;
 * - exactly-once sends: conditional Put on (SEND#week, SUB#id) claims, a conditional Update
 *   completes (only the claim's holder), a conditional Delete gives the claim back;
 * - a digest's send totals: Query PK `SEND#<week>`;
 * - the key subscriber ids are computed with: GetItem `INSTALLATION` / `KEY#id`, written once by a
 *   conditional Put (subscription/id-key.ts);
 * - the desk's subscriber list, by state, search by address prefix, in pages: Query GSI2
 *   `SUBS#<state>`, GSI2SK BETWEEN (after the cursor, or the prefix) AND prefix + U+FFFF; all
 *   states at once merges the four partitions' pages by address;
 * - readers by state today and per week (the dashboard): Query PK `READERS` (one row per week,
 *   ADD counters written with each state change; pending is counted on GSI2 instead: TTL deletes
 *   pending rows without telling anyone);
 * - a sign-in link is used once: conditional Delete (`expiresAt` after now) returning the row;
 * - an editor's session: GetItem `SESSION#<sha256 of the cookie>`; "sign out everywhere": Query
 *   GSI1 `SESSIONS#<editor>`, Delete each;
 * - an API key: GetItem `APIKEY#<keyId>` (the id is in the key), its hash compared; listed
 *   through GSI1 `APIKEYS`;
 * - the audit log, newest first: Query `AUDIT#<month>` descending, month by month;
 * - an editor's corrections (review/): the build of week W learns from Query `CORRECTIONS`,
 *   SK <= `<W>#\uffff`, newest first; the desk lists the same partition; an undo deletes one.
 */
export const tableDefinition = {
  fields: { PK: "string", SK: "string", GSI1PK: "string", GSI1SK: "string", GSI2PK: "string", GSI2SK: "string" },
  primaryIndex: { hashKey: "PK", rangeKey: "SK" },
  globalIndexes: {
    GSI1: { hashKey: "GSI1PK", rangeKey: "GSI1SK" },
    GSI2: { hashKey: "GSI2PK", rangeKey: "GSI2SK" },
  },
  /** Epoch seconds; DynamoDB deletes expired rows (a deploy-time setting: dynalite has no TTL). */
  ttl: "expiresAt",
} as const;

export const GSI1 = "GSI1";
export const GSI2 = "GSI2";
