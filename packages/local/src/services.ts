/**
 * The embedded stand-ins for AWS: dynalite (DynamoDB) and aws-ses-v2-local (SES v2), started
 * in-process. The same code paths as on AWS talk to them; only the endpoints differ.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import sesLocal from "aws-ses-v2-local";

// A CommonJS module exporting `default`: Node hands us module.exports, bundlers and vitest the
// function itself.
type StartSes = typeof sesLocal.default;
const startSes: StartSes = (sesLocal as unknown as { default?: StartSes }).default ?? (sesLocal as unknown as StartSes);

export interface ServicesOptions {
  /** LevelDB directory for DynamoDB data; in memory when omitted (tests). */
  dynamodbPath?: string | undefined;
  /** 0 picks a free port. */
  dynamodbPort?: number;
  sesPort?: number;
  host?: string;
}

export interface Services {
  dynamodbEndpoint: string;
  sesEndpoint: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startServices(options: ServicesOptions = {}): Promise<Services> {
  const host = options.host ?? "127.0.0.1";
  const db = dynalite({
    ...(options.dynamodbPath ? { path: options.dynamodbPath } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynamodbPort = await listen(db, options.dynamodbPort ?? 0, host);
  let ses: Server;
  try {
    ses = await startSes({ host, port: options.sesPort ?? 0 });
    // It resolves even when listening failed (Express 5 hands the error to the callback).
    if (!ses.listening) throw new Error(`local SES could not listen on ${host}:${options.sesPort}: port in use?`);
  } catch (e) {
    await stop(db);
    throw e;
  }
  const sesPort = (ses.address() as AddressInfo).port;
  return {
    dynamodbEndpoint: `http://${host}:${dynamodbPort}`,
    sesEndpoint: `http://${host}:${sesPort}`,
    async close() {
      await Promise.all([stop(ses), stop(db)]);
    },
  };
}
