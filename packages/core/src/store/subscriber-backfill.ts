/**
 * Subscribers written before the desk existed have no GSI2 keys and were never counted. This
 * backfill, run once per installation (a marker row; `npm start` and the first hourly ingest after
 * a deploy run it, so no manual step), lists each such row under its state (conditionally: a row a
 * state change listed meanwhile is left alone) and adds the readers it found to the counters, in
 * the week of their current state's date. Running it twice changes nothing: the marker is claimed
 * before counting, so a crash mid-way lists the rest on the next run but may undercount, never
 * count twice.
 */
import { GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { weekOf } from "../digest/week.ts";
import { addressKey, type EmailAddress } from "../subscription/address.ts";
import { putIf, updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { rowOf, setupKeys, subscriberKeys } from "./keys.ts";
import { addReaderCounts, COUNTED_STATES, type CountedState, type ReaderCounts } from "./reader-counts.ts";

const MARKER = "subscriber-list";

/** The date a row entered its current state. */
function stateDate(row: Record<string, unknown>): string {
  const confirmation = row.confirmation as { at?: string } | undefined;
  const dated = { active: confirmation?.at, unsubscribed: row.unsubscribedAt, suppressed: row.suppressedAt };
  return (
    (dated[row.state as keyof typeof dated] as string | undefined) ??
    (row.updatedAt as string) ??
    (row.createdAt as string)
  );
}

/** Lists and counts the subscribers written before GSI2; returns how many rows it listed. */
export async function backfillSubscriberList(db: Db, now: Date): Promise<number> {
  const marker = rowOf(setupKeys.type, setupKeys.key(MARKER), { at: now.toISOString(), status: "running" });
  const counting = (await putIf(db, { Item: marker, ConditionExpression: "attribute_not_exists(PK)" })) !== undefined;
  if (!counting) {
    const { Item } = await db.client.send(new GetCommand({ TableName: db.table, Key: setupKeys.key(MARKER) }));
    if (Item?.status === "done") return 0;
  }
  const weeks = new Map<string, Partial<ReaderCounts>>();
  let listed = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: db.table,
        FilterExpression:
          "begins_with(PK, :sub) AND SK = :sk AND attribute_not_exists(GSI2SK) AND attribute_exists(email)",
        ExpressionAttributeValues: { ":sub": "SUB#", ":sk": subscriberKeys.key("x").SK },
        ExclusiveStartKey: start,
      }),
    );
    for (const row of page.Items ?? []) {
      const state = row.state as string;
      const keys = subscriberKeys.listIndex(state, addressKey(row.email as EmailAddress));
      const done = await updateIf(db, {
        Key: { PK: row.PK, SK: row.SK },
        UpdateExpression: "SET GSI2PK = :pk, GSI2SK = :sk",
        ConditionExpression: "attribute_not_exists(GSI2SK) AND #state = :state",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":pk": keys.GSI2PK, ":sk": keys.GSI2SK, ":state": state },
      });
      if (!done) continue;
      listed++;
      if (!counting || !(COUNTED_STATES as readonly string[]).includes(state)) continue;
      const week = weekOf(new Date(stateDate(row)), "UTC");
      const counts = weeks.get(week) ?? {};
      counts[state as CountedState] = (counts[state as CountedState] ?? 0) + 1;
      weeks.set(week, counts);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  for (const [week, counts] of weeks) await addReaderCounts(db, week, counts);
  await db.client.send(new PutCommand({ TableName: db.table, Item: { ...marker, status: "done" } }));
  return listed;
}
