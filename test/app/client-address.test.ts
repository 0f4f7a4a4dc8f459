/** Rate limits key on the address the platform reports; a forged header changes nothing. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { describe, expect, it } from "vitest";
import { lambdaClientAddress } from "@tidings/functions/app/client-address";
import { socketClientAddress } from "@tidings/local/serve";
import { functionUrlEvent } from "../support/events.ts";

const forged = { "x-forwarded-for": "198.51.100.66", "x-real-ip": "198.51.100.66", forwarded: "for=198.51.100.66" };

describe("the client address", () => {
  it("is the TCP peer when served by Node, whatever the headers say", async () => {
    const app = new Hono().get("/", (c) => c.text(socketClientAddress(c)));
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: forged });
      expect(await res.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });

  it("is the function URL's source IP on Lambda, whatever the headers say", async () => {
    const app = new Hono().get("/", (c) => c.text(lambdaClientAddress(c)));
    const event = functionUrlEvent({
      path: "/",
      headers: forged,
      sourceIp: "203.0.113.9",
      domainName: "abc.lambda-url.eu-west-1.on.aws",
    });
    // hono/aws-lambda declares its own event type (body: string | null), not aws-lambda's.
    const res = (await handle(app)(event as never)) as { body: string };
    expect(res.body).toBe("203.0.113.9");
  });
});
