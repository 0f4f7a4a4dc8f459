/** A conditional write that lost: the item was not in the state the write required. */
export function isConditionFailed(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === "ConditionalCheckFailedException";
}
