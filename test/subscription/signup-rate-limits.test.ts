import { describe, expect, it } from "vitest";
import { freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();

describe("POST /subscribe's rate limits", () => {
  it("answers a burst from one client with 429 and Retry-After", async () => {
    const client = freshClient();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await signup(bed.app, { email: `burst${i}@example.com` }, { client })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const res = await signup(bed.app, { email: "burst-last@example.com" }, { client, json: true });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: { code: "subscription.rate_limited" } });
    expect(await bed.mailbox()).toHaveLength(5);
    // Another client is not affected.
    expect((await signup(bed.app, { email: "calm@example.com" }, { client: freshClient() })).status).toBe(200);
  });

  it("limits one address signed up from many clients", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await signup(bed.app, { email: "target@example.com" }, { client: freshClient() })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(await bed.mailTo("target@example.com")).toHaveLength(1);
  });

  it("takes IPv6 clients by their /64", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++)
      statuses.push(
        (await signup(bed.app, { email: `v6-${i}@example.com` }, { client: `2001:db8:1:2::${i.toString(16)}` })).status,
      );
    expect(statuses.at(-1)).toBe(429);
  });
});
