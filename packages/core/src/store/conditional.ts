import { UpdateCommand, type UpdateCommandInput, type UpdateCommandOutput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db.ts";

/** A conditional write that lost: the item was not in the state the write required. */
export function isConditionFailed(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === "ConditionalCheckFailedException";
}

/** A conditional write's result, or undefined when its condition did not hold. */
export async function ifConditionHolds<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (e) {
    if (isConditionFailed(e)) return undefined;
    throw e;
  }
}

/** One conditional UpdateItem on the table: its output, or undefined when the condition failed. */
export function updateIf(
  db: Db,
  input: Omit<UpdateCommandInput, "TableName">,
): Promise<UpdateCommandOutput | undefined> {
  return ifConditionHolds(db.client.send(new UpdateCommand({ ...input, TableName: db.table })));
}
