/**
 * dynalite on disk, on a port that survives a restart: `restart()` stops it (dropping the
 * connections it holds, as a crashed server would) and starts it again over the same data.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

export interface RestartableDynamo {
  endpoint: string;
  /** Stops the server, waits `downMs`, starts it again on the same port and data. */
  restart(downMs: number): Promise<void>;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function restartableDynamo(path: string): Promise<RestartableDynamo> {
  const start = () => dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  let server = start();
  const port = await listen(server, 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async restart(downMs) {
      await stop(server);
      await new Promise((r) => setTimeout(r, downMs));
      server = start();
      await listen(server, port);
    },
    close: () => stop(server),
  };
}
