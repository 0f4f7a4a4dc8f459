import { UpdateCommand, type UpdateCommandInput, type UpdateCommandOutput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db.ts";

/** A conditional write that lost: the item was not in the state the write required. */
export function isConditionFailed(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === "ConditionalCheckFailedException";
}

/** One conditional UpdateItem on the table: its output, or undefined when the condition failed. */
export async function updateIf(
  db: Db,
  input: Omit<UpdateCommandInput, "TableName">,
): Promise<UpdateCommandOutput | undefined> {
  try {
    return await db.client.send(new UpdateCommand({ ...input, TableName: db.table }));
  } catch (e) {
    if (isConditionFailed(e)) return undefined;
    throw e;
  }
}
