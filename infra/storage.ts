/** Where Tidings keeps its state: the one DynamoDB table, and the key that signs readers' links. */

// One source of truth for keys and indexes, shared with the local stack.
import { tableDefinition } from "../packages/core/src/store/table.ts";

export const table = new sst.aws.Dynamo("Table", {
  fields: tableDefinition.fields,
  primaryIndex: tableDefinition.primaryIndex,
  globalIndexes: tableDefinition.globalIndexes,
  ttl: tableDefinition.ttl,
});

// The key that signs subscribers' confirm and unsubscribe links: `npx sst secret set TokenSecret …`.
export const tokenSecret = new sst.Secret("TokenSecret");
