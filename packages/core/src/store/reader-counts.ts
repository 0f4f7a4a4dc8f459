/**
 * How many readers are in each state, kept as counters rather than counted: every state change
 * adds +1 to the state entered and -1 to the state left, on the row of the ISO week (UTC) it
 * happened in (`READERS` / `WEEK#<week>`, keys.ts). Summing the rows gives today's counts; summing
 * them up to a week gives that week's, so the dashboard reads one small partition (a row a week)
 * instead of every subscriber. One UpdateItem of ADDs after the state change's own write: a
 * crash between the two loses one count (as with the delivery counters, digest-stats.ts).
 *
 * Pending readers are not counted here: DynamoDB's TTL deletes unconfirmed signups without
 * telling anyone, so their number is read from GSI2 instead (subscriber-list.ts).
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { weekOf } from "../digest/week.ts";
import { queryAll } from "./batch.ts";
import type { Db } from "./db.ts";
import { readerCountKeys } from "./keys.ts";

export const COUNTED_STATES = ["active", "unsubscribed", "suppressed", "erased"] as const;
export type CountedState = (typeof COUNTED_STATES)[number];
export type ReaderCounts = Record<CountedState, number>;

export interface WeekCounts {
  week: string;
  /** Net change of each state during the week. */
  change: ReaderCounts;
  /** Each state's count at the end of the week. */
  total: ReaderCounts;
}

const counted = (state: string | undefined): state is CountedState =>
  (COUNTED_STATES as readonly string[]).includes(state ?? "");

const zero = (): ReaderCounts => ({ active: 0, unsubscribed: 0, suppressed: 0, erased: 0 });

/**
 * Records a reader's move from one state to another (`undefined`: not there before / no longer
 * there). Moves to and from pending count only their other end.
 *
 * @example await countTransition(db, "active", "unsubscribed", now)
 */
export async function countTransition(
  db: Db,
  from: string | undefined,
  to: string | undefined,
  at: Date,
): Promise<void> {
  if (from === to) return;
  await addReaderCounts(db, weekOf(at, "UTC"), {
    ...(counted(from) ? { [from]: -1 } : {}),
    ...(counted(to) ? { [to]: 1 } : {}),
  });
}

/** Adds to a week's counters (a backfill writes many at once). */
export async function addReaderCounts(db: Db, week: string, delta: Partial<ReaderCounts>): Promise<void> {
  const states = COUNTED_STATES.filter((s) => (delta[s] ?? 0) !== 0);
  if (states.length === 0) return;
  await db.client.send(
    new UpdateCommand({
      TableName: db.table,
      Key: readerCountKeys.key(week),
      UpdateExpression: `SET #type = :type, week = :week ADD ${states.map((s) => `#${s} :${s}`).join(", ")}`,
      ExpressionAttributeNames: { "#type": "type", ...Object.fromEntries(states.map((s) => [`#${s}`, s])) },
      ExpressionAttributeValues: {
        ":type": readerCountKeys.type,
        ":week": week,
        ...Object.fromEntries(states.map((s) => [`:${s}`, delta[s]])),
      },
    }),
  );
}

/** Every week with a change, oldest first, with the running totals: the last one's totals are today's. */
export async function readerCountsByWeek(db: Db): Promise<WeekCounts[]> {
  const rows = await queryAll(db, {
    KeyConditionExpression: "PK = :p AND begins_with(SK, :w)",
    ExpressionAttributeValues: { ":p": readerCountKeys.partition, ":w": readerCountKeys.sortPrefix },
  });
  const running = zero();
  return rows.map((row) => {
    const change = zero();
    for (const s of COUNTED_STATES) {
      change[s] = Number(row[s] ?? 0);
      running[s] += change[s];
    }
    return { week: row.week as string, change, total: { ...running } };
  });
}
