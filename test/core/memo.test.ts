/** memoizeAsync, the one way a promise is cached (the renderer's lazy MJML and Handlebars among its users). */
import { describe, expect, it } from "vitest";
import { memoizeAsync } from "@tidings/core/memo";

describe("memoizeAsync", () => {
  it("loads once per key, sharing the load among concurrent callers", async () => {
    let loads = 0;
    const double = memoizeAsync(async (n: number) => (loads++, n * 2));
    expect(await Promise.all([double(2), double(2), double(3)])).toEqual([4, 4, 6]);
    expect(await double(2)).toBe(4);
    expect(loads).toBe(2);
  });

  it("forgets a failed load, so the next call tries again", async () => {
    let attempt = 0;
    const flaky = memoizeAsync(async () => {
      if (++attempt === 1) throw new Error("not yet");
      return "loaded";
    });
    await expect(flaky()).rejects.toThrow("not yet");
    expect(await flaky()).toBe("loaded");
    expect(await flaky()).toBe("loaded");
    expect(attempt).toBe(2);
  });
});
