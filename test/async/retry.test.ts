import { describe, expect, it } from "vitest";
import { withRetry } from "@tidings/core/async/retry";
import { classifySesError } from "@tidings/core/send/ses-errors";

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
