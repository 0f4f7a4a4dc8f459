/**
 * The SQS adapter: the consumer's reading of records, and sending with only SQS's leftovers
 * retried (the SDK retries a failed call itself). A small SQS stand-in on a local port speaks
 * SendMessageBatch's JSON protocol, so the real SDK client is what is tested.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "@tidings/core/config";
import { createContext } from "@tidings/core/context";
import { createSqs, NotConsumed, sqsQueue, sqsRecordHandler } from "@tidings/core/queue/sqs";
import { SendJob } from "@tidings/core/send/job";
import { sqsEvent } from "../support/events.ts";
import { recordingLog } from "../support/log.ts";

type Entry = { Id: string; MessageBody: string };
/** What the stand-in answers to each SendMessageBatch: refuse some entries, or fail the call. */
let answer: (entries: Entry[], call: number) => { fail?: number; refuse?: { id: string; senderFault: boolean }[] };
const calls: Entry[][] = [];

const sqsStandIn = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const { Entries } = JSON.parse(Buffer.concat(chunks).toString()) as { Entries: Entry[] };
    calls.push(Entries);
    const { fail, refuse = [] } = answer(Entries, calls.length);
    res.setHeader("content-type", "application/x-amz-json-1.0");
    if (fail) return void res.writeHead(fail).end(JSON.stringify({ __type: "InternalError", message: "injected" }));
    const refused = new Map(refuse.map((r) => [r.id, r.senderFault]));
    const md5 = (body: string) => createHash("md5").update(body).digest("hex");
    res.end(
      JSON.stringify({
        Successful: Entries.filter((e) => !refused.has(e.Id)).map((e) => ({
          Id: e.Id,
          MessageId: `m-${e.Id}`,
          MD5OfMessageBody: md5(e.MessageBody),
        })),
        Failed: [...refused].map(([Id, SenderFault]) => ({ Id, SenderFault, Code: "Refused", Message: "injected" })),
      }),
    );
  });
});

let sqs: SQSClient;
beforeAll(async () => {
  sqsStandIn.listen(0, "127.0.0.1");
  await once(sqsStandIn, "listening");
  const endpoint = `http://127.0.0.1:${(sqsStandIn.address() as AddressInfo).port}`;
  sqs = new SQSClient({ region: "us-east-1", endpoint, credentials: { accessKeyId: "t", secretAccessKey: "t" } });
});
afterAll(() => sqsStandIn.close());

const job = (n: number): SendJob => ({ week: "2026-W20", subscriberIds: [`sub_${n}`] });
const queueUrl = "https://sqs.us-east-1.amazonaws.com/000000000000/SendQueue";

describe("sending to SQS", () => {
  it("sends in batches of ten, and sends again only the entries SQS handed back", async () => {
    calls.length = 0;
    answer = (_, call) => (call === 1 ? { refuse: [{ id: "3", senderFault: false }] } : {});
    await sqsQueue<SendJob>(sqs, queueUrl, "SendQueue").enqueue(Array.from({ length: 12 }, (_, i) => job(i)));
    expect(calls.map((entries) => entries.map((e) => JSON.parse(e.MessageBody).subscriberIds[0]))).toEqual([
      ["sub_0", "sub_1", "sub_2", "sub_3", "sub_4", "sub_5", "sub_6", "sub_7", "sub_8", "sub_9"],
      ["sub_3"],
      ["sub_10", "sub_11"],
    ]);
  });

  it("never sends again an entry SQS refused for what it is", async () => {
    calls.length = 0;
    answer = () => ({ refuse: [{ id: "0", senderFault: true }] });
    await expect(sqsQueue(sqs, queueUrl, "SendQueue").enqueue([job(1)])).rejects.toThrow(
      "SendQueue refused a message: Refused: injected",
    );
    expect(calls).toHaveLength(1);
  });

  it("leaves a failing call to the SDK's own retries, adding none", async () => {
    calls.length = 0;
    answer = () => ({ fail: 500 });
    await expect(sqsQueue(sqs, queueUrl, "SendQueue").enqueue([job(1)])).rejects.toMatchObject({
      $metadata: { httpStatusCode: 500, attempts: 3 },
    });
    expect(calls).toHaveLength(3); // the SDK's default attempts, not multiplied by ours
  });

  it("never reaches real AWS from a laptop", async () => {
    const local = createContext(readConfig({ TOKEN_SECRET: "t" }));
    await expect(sqsQueue(local.sqs, queueUrl, "SendQueue").enqueue([job(1)])).rejects.toThrow(
      "refusing to reach real AWS",
    );
    expect(() => sqsQueue(createSqs({ region: "us-east-1", onAws: true }), undefined, "SendQueue")).toThrow(
      "the SendQueue queue is not linked",
    );
  });
});

describe("an SQS consumer's records", () => {
  /** A record SQS delivers for the second time. */
  const record = (body: string, messageId = "m-1"): SQSRecord => {
    const [delivered] = sqsEvent([body]).Records;
    return { ...delivered!, messageId, attributes: { ...delivered!.attributes, ApproximateReceiveCount: "2" } };
  };

  it("hand each message to the consumer, and report one it wants again", async () => {
    const consumed: SendJob[] = [];
    const handle = sqsRecordHandler(
      SendJob,
      async (j) => (consumed.push(j), j.week === "2026-W20" ? "done" : "retry"),
      recordingLog(),
    );
    await handle(record(JSON.stringify(job(1))));
    await expect(handle(record(JSON.stringify({ ...job(2), week: "2026-W21" })))).rejects.toBeInstanceOf(NotConsumed);
    expect(consumed.map((j) => j.subscriberIds[0])).toEqual(["sub_1", "sub_2"]);
  });

  it("report a body that is not a message, with a log line, and never hand it on", async () => {
    const log = recordingLog();
    const handle = sqsRecordHandler(SendJob, async () => expect.unreachable("consumed"), log);
    await expect(handle(record("{not json", "m-bad"))).rejects.toBeInstanceOf(NotConsumed);
    await expect(handle(record(JSON.stringify({ week: "2026-W20" }), "m-shape"))).rejects.toBeInstanceOf(NotConsumed);
    expect(log.entries.map((e) => [e.level, e.fields.messageId, e.fields.receives])).toEqual([
      ["error", "m-bad", "2"],
      ["error", "m-shape", "2"],
    ]);
    expect(String(log.entries[1]!.fields.reason)).toContain("subscriberIds");
  });
});
