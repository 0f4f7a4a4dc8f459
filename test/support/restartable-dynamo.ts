/**
 * dynalite on disk, in a child process, on a port that survives a restart: `restart()` kills it
 * (SIGKILL: its connections and in-flight requests die with it, as in a crash) and starts it
 * again over the same data. In a process of its own, the stopped database's errors stay there.
 */
import { runTs, type Running } from "./processes.ts";

export interface RestartableDynamo {
  endpoint: string;
  /** Kills the server, waits `downMs`, starts it again on the same port and data. */
  restart(downMs: number): Promise<void>;
  close(): Promise<void>;
}

async function startAt(path: string, port: number): Promise<{ child: Running; port: number }> {
  const child = runTs("test/support/dynamo-process.ts", [path, String(port)], {});
  await child.waitFor("\n");
  return { child, port: Number(/port=(\d+)/.exec(child.output())![1]) };
}

export async function restartableDynamo(path: string): Promise<RestartableDynamo> {
  let { child, port } = await startAt(path, 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async restart(downMs) {
      await child.stop("SIGKILL");
      await new Promise((r) => setTimeout(r, downMs));
      ({ child } = await startAt(path, port));
    },
    async close() {
      await child.stop("SIGKILL");
    },
  };
}
