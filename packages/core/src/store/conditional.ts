/**
 * Conditional writes, the one way the store decides who wins: the condition, not an earlier
 * read. Each returns DynamoDB's output, or undefined when the condition did not hold; any other
 * fault is thrown.
 *
 * @example if (!(await putIf(db, { Item, ConditionExpression: "attribute_not_exists(PK)" }))) return "exists";
 */
import {
  DeleteCommand,
  PutCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type DeleteCommandOutput,
  type PutCommandInput,
  type PutCommandOutput,
  type UpdateCommandInput,
  type UpdateCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db.ts";

/** A write's input without the table (the Db names it), with its condition required. */
type Conditional<T> = Omit<T, "TableName" | "ConditionExpression"> & { ConditionExpression: string };

function isConditionFailed(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === "ConditionalCheckFailedException";
}

async function ifConditionHolds<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (e) {
    if (isConditionFailed(e)) return undefined;
    throw e;
  }
}

/** One conditional PutItem. */
export function putIf(db: Db, input: Conditional<PutCommandInput>): Promise<PutCommandOutput | undefined> {
  return ifConditionHolds(db.client.send(new PutCommand({ ...input, TableName: db.table })));
}

/** One conditional UpdateItem (`ReturnValues` gives the row's attributes). */
export function updateIf(db: Db, input: Conditional<UpdateCommandInput>): Promise<UpdateCommandOutput | undefined> {
  return ifConditionHolds(db.client.send(new UpdateCommand({ ...input, TableName: db.table })));
}

/** One conditional DeleteItem. */
export function deleteIf(db: Db, input: Conditional<DeleteCommandInput>): Promise<DeleteCommandOutput | undefined> {
  return ifConditionHolds(db.client.send(new DeleteCommand({ ...input, TableName: db.table })));
}
