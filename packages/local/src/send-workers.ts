/**
 * Send consumers in worker threads, so a local send uses every core the way consumer Lambdas
 * run side by side on AWS: the SDK's per-call work (signing, serialising) is what bounds a
 * single thread. The jobs come from the same in-process queue; each thread runs the same
 * consumer code as the Lambda.
 */
import { Worker } from "node:worker_threads";
import type { Config } from "@tidings/core/config";
import type { DeliverJob } from "@tidings/core/send/consumer";
import { SendingStopped, type JobOutcome } from "@tidings/core/send/deliver";

export interface SendWorkers {
  deliver: DeliverJob;
  close(): Promise<void>;
}

type Reply = { id: number; outcome: JobOutcome } | { id: number; error: { stopped: string } | { message: string } };

export function sendWorkers(
  config: Config,
  { threads = 2, ratePerSecond = Infinity, signal = undefined as AbortSignal | undefined } = {},
): SendWorkers {
  const pending = new Map<number, { resolve(o: JobOutcome): void; reject(e: Error): void; worker: Worker }>();
  const load = new Map<Worker, number>();
  let next = 0;
  let dead: Error | undefined;
  let closing = false;
  const entry = new URL("./send-worker.ts", import.meta.url).href;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(new URL("./send-worker-boot.mjs", import.meta.url), {
      workerData: { entry, config: { ...config }, ratePerSecond: ratePerSecond / threads },
    });
    load.set(worker, 0);
    worker.on("message", (reply: Reply) => {
      const call = pending.get(reply.id)!;
      pending.delete(reply.id);
      load.set(worker, load.get(worker)! - 1);
      if ("outcome" in reply) call.resolve(reply.outcome);
      else
        call.reject(
          "stopped" in reply.error ? new SendingStopped(reply.error.stopped) : new Error(reply.error.message),
        );
    });
    // A worker that dies takes its jobs with it: fail them, and the run, rather than wait forever.
    const fail = (e: Error) => {
      dead ??= e;
      for (const [id, call] of pending) if (call.worker === worker) (pending.delete(id), call.reject(e));
    };
    worker.on("error", fail);
    worker.on("exit", (code) => closing || fail(new Error(`a send worker stopped (exit code ${code})`)));
    return worker;
  });
  signal?.addEventListener("abort", () => workers.forEach((w) => w.postMessage("stop")));
  return {
    deliver: (job) =>
      new Promise((resolve, reject) => {
        if (dead) return reject(dead);
        const worker = workers.reduce((a, b) => (load.get(a)! <= load.get(b)! ? a : b));
        load.set(worker, load.get(worker)! + 1);
        const id = next++;
        pending.set(id, { resolve, reject, worker });
        worker.postMessage({ id, job });
      }),
    close: async () => {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
