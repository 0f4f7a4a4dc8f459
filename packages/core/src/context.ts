/**
 * Everything a core operation needs from the outside world. Handlers and the local CLI build
 * one; tests build one against their own local services.
 */
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { config as processConfig, type Config } from "./config.ts";
import { createSes } from "./email/ses.ts";
import { log, type Log } from "./log.ts";
import { metrics, type Metrics } from "./metrics.ts";
import { createSqs } from "./queue/sqs.ts";
import { createDb, type Db } from "./store/db.ts";

export interface Context {
  config: Config;
  db: Db;
  ses: SESv2Client;
  /** The send queue and the confirmation outbox on AWS; off AWS it refuses every call. */
  sqs: SQSClient;
  log: Log;
  /** Operational figures (Powertools Metrics on Lambda; a tally locally). */
  metrics: Metrics;
}

/** A Context from a configuration (default: this process's), with optional overrides. */
export function createContext(config: Config = processConfig(), overrides: Partial<Context> = {}): Context {
  // Off AWS, a client without an endpoint would talk to the real AWS with whatever credentials
  // the machine has: never, unless a command was told to use the deployed stage (`--aws`).
  if (!config.onAws && !config.linkedStage && (!config.dynamodbEndpoint || !config.sesEndpoint)) {
    throw new Error("local configuration without DynamoDB and SES endpoints: refusing to reach real AWS");
  }
  return {
    config,
    db: createDb({ table: config.tableName, region: config.region, endpoint: config.dynamodbEndpoint }),
    ses: createSes({ region: config.region, endpoint: config.sesEndpoint }),
    sqs: createSqs({ region: config.region, onAws: config.onAws }),
    log: log(),
    metrics: metrics(),
    ...overrides,
  };
}
