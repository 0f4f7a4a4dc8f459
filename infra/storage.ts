/** Where Tidings keeps its state: the one DynamoDB table, and the key that signs readers' links. */

// One source of truth for keys and indexes, shared with the local stack.
import { tableDefinition } from "../packages/core/src/store/table.ts";

const production = $app.stage === "production";

export const table = new sst.aws.Dynamo("Table", {
  fields: tableDefinition.fields,
  primaryIndex: tableDefinition.primaryIndex,
  globalIndexes: tableDefinition.globalIndexes,
  ttl: tableDefinition.ttl,
  // The production list is the newsletter: it cannot be deleted by a stray `sst remove` or a
  // console click, and any second of the last 35 days can be restored.
  deletionProtection: production,
  transform: {
    table: (args) => {
      if (production) args.pointInTimeRecovery = { enabled: true };
    },
  },
});

// The key that signs subscribers' confirm and unsubscribe links: `npx sst secret set TokenSecret …`.
export const tokenSecret = new sst.Secret("TokenSecret");

// Older token keys that still verify, comma-separated (empty until the first rotation: README,
// "Rotating the token key"). Subscriber ids do not depend on either: they have a key of their own.
export const tokenSecretPrevious = new sst.Secret("TokenSecretPrevious", "");

/** What a function that issues or checks readers' links links. */
export const tokenSecrets = [tokenSecret, tokenSecretPrevious];
