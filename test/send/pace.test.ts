import { describe, expect, it } from "vitest";
import { TokenBucket } from "@tidings/core/send/pace";

describe("the token bucket", () => {
  it("lets a burst through, then paces to the rate", async () => {
    let clock = 0;
    const bucket = new TokenBucket(10, 5, () => clock);
    for (let i = 0; i < 5; i++) await bucket.take(); // the burst, no waiting
    const next = bucket.take();
    let passed = false;
    void next.then(() => (passed = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(passed).toBe(false); // no time has passed on the bucket's clock: no token
    clock += 100; // 100 ms at 10/s refills one token
    await next;
    expect(passed).toBe(true);
  });

  it("never holds anyone up at an unlimited rate", async () => {
    const bucket = new TokenBucket(Infinity);
    await Promise.all(Array.from({ length: 1000 }, () => bucket.take()));
  });
});
