import { describe, expect, it } from "vitest";
import { TokenBucket } from "@tidings/core/send/pace";
import { withRetry } from "@tidings/core/async/retry";
import { classifySesError } from "@tidings/core/send/ses-errors";

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

describe("retries", () => {
  const noSleep = { sleep: async () => {}, random: () => 1 };

  it("retries what may pass later, with growing waits, and returns the first success", async () => {
    const waits: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        if (attempt < 4) throw Object.assign(new Error("slow down"), { name: "TooManyRequestsException" });
        return attempt;
      },
      {
        attempts: 5,
        baseMs: 100,
        capMs: 250,
        retryable: (e) => classifySesError(e) === "retry",
        sleep: async (ms) => void waits.push(ms),
        random: () => 1,
      },
    );
    expect(result).toBe(4);
    expect(waits).toEqual([100, 200, 250]);
  });

  it("gives up at once on a permanent error, and after the last attempt otherwise", async () => {
    let calls = 0;
    const rejected = Object.assign(new Error("bad address"), {
      name: "BadRequestException",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      withRetry(
        async () => {
          calls++;
          throw rejected;
        },
        { attempts: 5, baseMs: 1, capMs: 1, retryable: (e) => classifySesError(e) === "retry", ...noSleep },
      ),
    ).rejects.toBe(rejected);
    expect(calls).toBe(1);

    calls = 0;
    const throttled = Object.assign(new Error("throttled"), { name: "ThrottlingException" });
    await expect(
      withRetry(
        async () => {
          calls++;
          throw throttled;
        },
        { attempts: 3, baseMs: 1, capMs: 1, retryable: (e) => classifySesError(e) === "retry", ...noSleep },
      ),
    ).rejects.toBe(throttled);
    expect(calls).toBe(3);
  });
});

describe("SES errors", () => {
  it("sorts errors into retry, permanent and fatal", () => {
    const err = (name: string, status?: number) =>
      Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
    expect(classifySesError(err("TooManyRequestsException", 429))).toBe("retry");
    expect(classifySesError(err("ThrottlingException", 400))).toBe("retry");
    expect(classifySesError(err("InternalFailure", 500))).toBe("retry");
    // No answer at all, as the SDK reports it (it marks every error of a call with $metadata).
    const unreachable = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", $metadata: {} });
    expect(classifySesError(unreachable)).toBe("retry");
    expect(classifySesError(new TypeError("input.map is not a function"))).toBe("fatal"); // ours: no retry mends it
    expect(classifySesError(err("MessageRejected", 400))).toBe("permanent");
    expect(classifySesError(err("BadRequestException", 400))).toBe("permanent");
    expect(classifySesError(err("SendingPausedException", 400))).toBe("fatal");
    expect(classifySesError(err("AccountSuspendedException", 400))).toBe("fatal");
    expect(classifySesError(err("NotFoundException", 404))).toBe("fatal");
    expect(classifySesError(err("LimitExceededException", 400))).toBe("fatal");
    const quota = Object.assign(new Error("Daily message quota exceeded."), { name: "ThrottlingException" });
    expect(classifySesError(quota)).toBe("fatal");
  });
});
