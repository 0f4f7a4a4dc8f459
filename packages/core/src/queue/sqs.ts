/**
 * The SQS adapter, both ends: the client (from Context), a queue to send to, and the reading of
 * an SQS batch's records for a consumer Lambda (Powertools batch reports what failed). Used on
 * AWS only: locally the queues are in-process (local.ts).
 */
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import type { z } from "zod";
import { untilTaken } from "../async/until-taken.ts";
import type { Log } from "../log.ts";
import { bodyOf, readBody, type Consume, type Queue } from "./queue.ts";

export interface SqsOptions {
  region: string;
  /** False off AWS: the client then refuses every call rather than reach the real AWS. */
  onAws: boolean;
}

export function createSqs({ region, onAws }: SqsOptions): SQSClient {
  const sqs = new SQSClient({ region });
  if (!onAws) {
    sqs.middlewareStack.add(
      () => () => {
        throw new Error("SQS is used on AWS only (locally the queues are in-process): refusing to reach real AWS");
      },
      { step: "initialize", name: "refuseOffAws" },
    );
  }
  return sqs;
}

/** Entries SQS refuses for what they are (too big, malformed) fail again however often they are sent. */
class RefusedEntries extends Error {
  override name = "RefusedEntries";
}

/**
 * A queue from a linked URL (`name` says which link, if it is missing). At most 10 messages go
 * per SendMessageBatch; entries SQS hands back for its own reasons are sent again with backoff.
 */
export function sqsQueue<T>(sqs: SQSClient, queueUrl: string | undefined, name: string): Queue<T> {
  if (!queueUrl) throw new Error(`the ${name} queue is not linked to this function (sst.config.ts)`);
  return {
    async enqueue(messages) {
      for (let i = 0; i < messages.length; i += 10) {
        const entries = messages.slice(i, i + 10).map((m, n) => ({ Id: String(n), MessageBody: bodyOf(m) }));
        await untilTaken(
          entries,
          `messages to ${name}`,
          async (pending: SendMessageBatchRequestEntry[]) => {
            const { Failed = [] } = await sqs.send(
              new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }),
            );
            const refused = Failed.find((f) => f.SenderFault);
            if (refused) throw new RefusedEntries(`${name} refused a message: ${refused.Code}: ${refused.Message}`);
            const failed = new Set(Failed.map((f) => f.Id));
            return pending.filter((e) => failed.has(e.Id));
          },
          { attempts: 5, baseMs: 100, capMs: 2_000 },
        );
      }
    },
  };
}

/** Thrown for a record the batch must report failed, so SQS delivers it again, then dead-letters it. */
export class NotConsumed extends Error {
  override name = "NotConsumed";
}

/**
 * The handler of one SQS record, for Powertools' `processPartialResponse`: the body read with
 * the message's schema, then consumed. A body that does not fit, and a message the consumer
 * wants again, are reported failed (SQS redelivers them, then dead-letters them); a malformed
 * one is logged and never handed to the consumer.
 *
 * @example processPartialResponse(event, sqsRecordHandler(ConfirmationMessage, consume, ctx.log), processor, { context })
 */
export function sqsRecordHandler<T>(
  schema: z.ZodType<T>,
  consume: Consume<T>,
  log: Log,
): (record: SQSRecord) => Promise<void> {
  return async (record) => {
    const received = readBody(schema, record.body);
    if (!received.ok) {
      log.error("queue: not a message of this queue, left to the dead-letter queue", {
        messageId: record.messageId,
        receives: record.attributes?.ApproximateReceiveCount,
        reason: received.reason,
      });
      throw new NotConsumed(`message ${record.messageId} is malformed: ${received.reason}`);
    }
    if ((await consume(received.message)) === "retry") {
      throw new NotConsumed(`message ${record.messageId} is to be delivered again later`);
    }
  };
}
