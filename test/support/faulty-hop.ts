/**
 * A real HTTP hop in front of a local service (dynalite, the local SES) that answers some
 * requests with a fault of the service's own shape and passes the rest through. Faults are
 * injected on the wire, so the SDK's own error parsing and retries, and ours, are what get tested.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the hop sees it. */
export interface HopRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An answer in the service's place. */
export interface HopAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Pass the request on first, then answer this instead of the service: the work done, the answer lost. */
  afterForwarding?: boolean;
}

export interface FaultyHop {
  endpoint: string;
  close(): Promise<void>;
}

/** A hop to `target` that answers a request itself when `intercept` says how, else forwards it. */
export async function faultyHop(
  target: string,
  intercept: (req: HopRequest) => HopAnswer | undefined,
): Promise<FaultyHop> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const answer = intercept({ method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body });
      const fault = () => {
        res.writeHead(answer!.status, answer!.headers);
        res.end(answer!.body);
      };
      if (answer && !answer.afterForwarding) return fault();
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          if (answer) return up.resume().on("end", fault);
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      forward.on("error", () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
