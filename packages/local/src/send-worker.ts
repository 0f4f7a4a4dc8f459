/** One send consumer in a worker thread: jobs in, outcomes out (see send-workers.ts). */
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "@tidings/core/config";
import { createContext } from "@tidings/core/context";
import { createConsumer } from "@tidings/core/send/consumer";
import { SendingStopped } from "@tidings/core/send/deliver";
import { TokenBucket } from "@tidings/core/send/pace";
import type { SendJob } from "@tidings/core/send/job";

const { config, ratePerSecond } = workerData as { config: Config; ratePerSecond: number };
const stop = new AbortController();
const deliver = createConsumer(createContext(config), { pace: new TokenBucket(ratePerSecond), signal: stop.signal });

parentPort!.on("message", async (message: { id: number; job: SendJob } | "stop") => {
  if (message === "stop") return stop.abort();
  try {
    parentPort!.postMessage({ id: message.id, outcome: await deliver(message.job) });
  } catch (e) {
    const { message: text, reason } = e as { message: string; reason?: string };
    parentPort!.postMessage({
      id: message.id,
      error: e instanceof SendingStopped ? { stopped: reason } : { message: text },
    });
  }
});
