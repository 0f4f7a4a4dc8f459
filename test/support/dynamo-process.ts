/**
 * dynalite on disk in a process of its own, so a test can kill it the way a server crashes:
 * `node --import tsx test/support/dynamo-process.ts DIR PORT` prints `port=<n>` once it listens.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

const [path, port = "0"] = process.argv.slice(2);
const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
server.listen(Number(port), "127.0.0.1", () => {
  process.stdout.write(`port=${(server.address() as AddressInfo).port}\n`);
});
