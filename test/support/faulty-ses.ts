/**
 * A real HTTP hop in front of the local SES that answers some SendEmail calls the way SES
 * does when it throttles, fails or refuses, and passes the rest through. Faults are injected on
 * the wire, so the SDK's own error parsing and our retry logic are what gets tested.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = "throttle" | "server-error" | "reject" | "paused";

/** Decides, per SendEmail request, whether it fails and how (undefined: pass it on). */
export type FaultPlan = (send: { n: number; to: string[] }) => Fault | undefined;

const answers: Record<Fault, { status: number; type: string; message: string }> = {
  throttle: { status: 429, type: "TooManyRequestsException", message: "Maximum sending rate exceeded." },
  "server-error": { status: 500, type: "InternalFailure", message: "Internal failure." },
  reject: { status: 400, type: "MessageRejected", message: "Email address is not verified." },
  paused: { status: 400, type: "SendingPausedException", message: "Sending is paused for this account." },
};

export interface FaultySes {
  endpoint: string;
  /** SendEmail calls seen, and how many were failed on purpose. */
  stats: { sends: number; faults: number };
  close(): Promise<void>;
}

export async function faultySes(target: string, plan: FaultPlan): Promise<FaultySes> {
  const stats = { sends: 0, faults: 0 };
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (req.method === "POST" && req.url === "/v2/email/outbound-emails") {
        const to =
          (JSON.parse(body.toString()) as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses ?? [];
        const fault = plan({ n: ++stats.sends, to });
        if (fault) {
          stats.faults++;
          const a = answers[fault];
          res.writeHead(a.status, { "content-type": "application/json", "x-amzn-errortype": a.type });
          res.end(JSON.stringify({ message: a.message }));
          return;
        }
      }
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
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
    stats,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
