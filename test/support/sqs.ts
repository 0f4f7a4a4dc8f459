/**
 * A local stand-in for SQS on the wire, for the Lambda check: it speaks the AWS JSON 1.0 protocol
 * the SDK v3 uses, and holds what was sent, per queue. Only sending is served (SendMessage,
 * SendMessageBatch): on AWS, Lambda's event source mapping does the receiving, and the check plays
 * that part by handing the held messages to the consumer as an SQS event. Anything else is
 * refused with an error naming the operation, so a new call is noticed, not silently dropped.
 *
 * The SDK sends to the host of the QueueUrl it is given (`useQueueUrlAsEndpoint`), so a queue
 * link whose URL is `http://127.0.0.1:PORT/000000000000/SendQueue` reaches this server with no
 * endpoint setting in the code.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalSqs {
  /** The URL a queue of this name has here. */
  queueUrl(name: string): string;
  /** Bodies sent to the queue and not yet taken, oldest first; takes them. */
  take(name: string): string[];
  close(): Promise<void>;
}

interface Entry {
  Id: string;
  MessageBody: string;
}

const md5 = (body: string) => createHash("md5").update(body, "utf8").digest("hex");

export async function startLocalSqs(): Promise<LocalSqs> {
  const queues = new Map<string, string[]>();
  const hold = (queueUrl: string, body: string) => {
    const name = new URL(queueUrl).pathname.split("/").pop()!;
    queues.set(name, [...(queues.get(name) ?? []), body]);
    return { MessageId: randomUUID(), MD5OfMessageBody: md5(body) };
  };

  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    SendMessage: (input) => hold(input.QueueUrl as string, input.MessageBody as string),
    SendMessageBatch: (input) => ({
      Successful: (input.Entries as Entry[]).map((e) => ({
        Id: e.Id,
        ...hold(input.QueueUrl as string, e.MessageBody),
      })),
      Failed: [],
    }),
  };

  async function serve(req: IncomingMessage, res: ServerResponse) {
    let body = "";
    for await (const chunk of req) body += chunk;
    const operation = String(req.headers["x-amz-target"] ?? "").replace(/^AmazonSQS\./, "");
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify(payload));
    };
    const run = operations[operation];
    if (!run) {
      reply(400, {
        __type: "com.amazonaws.sqs#UnsupportedOperation",
        message: `the local SQS stand-in serves SendMessage and SendMessageBatch, not "${operation || req.method}"`,
      });
      return;
    }
    reply(200, run(JSON.parse(body) as Record<string, unknown>));
  }

  const server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    queueUrl: (name) => `http://127.0.0.1:${port}/000000000000/${name}`,
    take(name) {
      const bodies = queues.get(name) ?? [];
      queues.delete(name);
      return bodies;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
