/**
 * dynalite behind a faulty hop (faulty-hop.ts) that answers some requests the way DynamoDB
 * does when it fails, and passes the rest through: a Db through it meets real faults, which the
 * SDK parses and retries (or not) as it would on AWS.
 */
import { createDb, type Db } from "@tidings/core/store/db";
import { faultyHop, type FaultyHop } from "./faulty-hop.ts";

/** "lost-answer": the request is carried out, then answered with a server error. */
export type DynamoFault = "server-error" | "throttle" | "access-denied" | "lost-answer";

/** One DynamoDB request: its operation (`UpdateItem`, `BatchWriteItem`…) and its JSON input. */
export interface DynamoCall {
  operation: string;
  input: { Key?: Record<string, { S?: string }>; [field: string]: unknown };
}

/** Decides, per request, whether it fails and how (undefined: pass it on). */
export type DynamoPlan = (call: DynamoCall) => DynamoFault | undefined;

const answers: Record<DynamoFault, { status: number; type: string; message: string; afterForwarding?: boolean }> = {
  "server-error": { status: 500, type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message: "injected" },
  throttle: {
    status: 400,
    type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
    message: "injected",
  },
  "access-denied": { status: 400, type: "com.amazon.coral.service#AccessDeniedException", message: "injected" },
  "lost-answer": {
    status: 500,
    type: "com.amazonaws.dynamodb.v20120810#InternalServerError",
    message: "injected",
    afterForwarding: true,
  },
};

export interface FaultyDynamo extends FaultyHop {
  /** A Db on `table` whose every request goes through the hop. */
  db: Db;
  /** Requests failed on purpose so far. */
  faults: number;
}

export async function faultyDynamo(target: string, table: string, plan: DynamoPlan): Promise<FaultyDynamo> {
  const state = { faults: 0 };
  const hop = await faultyHop(target, ({ headers, body }) => {
    const operation = String(headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    const fault = plan({ operation, input: JSON.parse(body.toString() || "{}") as DynamoCall["input"] });
    if (!fault) return undefined;
    state.faults++;
    const a = answers[fault];
    return {
      status: a.status,
      headers: { "content-type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ __type: a.type, message: a.message }),
      afterForwarding: a.afterForwarding,
    };
  });
  return {
    ...hop,
    db: createDb({ table, region: "us-east-1", endpoint: hop.endpoint }),
    get faults() {
      return state.faults;
    },
  };
}
