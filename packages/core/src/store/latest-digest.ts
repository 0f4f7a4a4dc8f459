/**
 * The newest digest's week, for the landing page's sample link: one Query on GSI1 `DIGESTS`
 * (table.ts), newest first. (To fold into store/digests.ts when the digest store lands.)
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db.ts";
import { GSI1 } from "./table.ts";

export async function latestDigestWeek(db: Db): Promise<string | undefined> {
  const { Items } = await db.client.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: GSI1,
      KeyConditionExpression: "GSI1PK = :digests",
      ExpressionAttributeValues: { ":digests": "DIGESTS" },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  return Items?.[0]?.GSI1SK as string | undefined;
}
