/** The one conditional-write idiom, against real dynalite: the condition decides, other faults are thrown. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteIf, putIf, updateIf } from "@tidings/core/store/conditional";
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
beforeAll(async () => (services = await startTestServices()));
afterAll(() => services.close());

const db = () => services.ctx.db;
const Key = { PK: "TEST#conditional", SK: "ROW" };
const absent = "attribute_not_exists(PK)";

describe("conditional writes", () => {
  it("apply when their condition holds and answer undefined when it does not", async () => {
    expect(await putIf(db(), { Item: { ...Key, n: 1 }, ConditionExpression: absent })).toBeDefined();
    expect(await putIf(db(), { Item: { ...Key, n: 2 }, ConditionExpression: absent })).toBeUndefined();

    const bump = { Key, UpdateExpression: "SET n = n + :one", ConditionExpression: "n = :n" } as const;
    const updated = await updateIf(db(), {
      ...bump,
      ExpressionAttributeValues: { ":one": 1, ":n": 1 },
      ReturnValues: "ALL_NEW",
    });
    expect(updated?.Attributes).toMatchObject({ n: 2 });
    expect(await updateIf(db(), { ...bump, ExpressionAttributeValues: { ":one": 1, ":n": 1 } })).toBeUndefined();

    const deleteAt = (n: number) =>
      deleteIf(db(), { Key, ConditionExpression: "n = :n", ExpressionAttributeValues: { ":n": n } });
    expect(await deleteAt(1)).toBeUndefined();
    expect(await deleteAt(2)).toBeDefined();
    expect(await putIf(db(), { Item: { ...Key, n: 3 }, ConditionExpression: absent })).toBeDefined(); // it was deleted
  });

  it("throw every other fault", async () => {
    const missing = { ...db(), table: "no-such-table" };
    await expect(putIf(missing, { Item: Key, ConditionExpression: absent })).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      updateIf(missing, {
        Key,
        UpdateExpression: "SET n = :n",
        ConditionExpression: absent,
        ExpressionAttributeValues: { ":n": 1 },
      }),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(deleteIf(missing, { Key, ConditionExpression: absent })).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});
