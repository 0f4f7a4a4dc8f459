/** Errors keep their cause: TidingsError carries it, the places that wrap pass it on, logs show it. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { TidingsError } from "@tidings/core/error";
import { fetchFeed } from "@tidings/core/feed/fetch";
import { parseFeed } from "@tidings/core/feed/parse";
import { log } from "@tidings/core/log";

afterEach(() => vi.restoreAllMocks());

describe("TidingsError", () => {
  it("keeps a cause and data beside its kind and code", () => {
    const cause = new RangeError("inner");
    const e = new TidingsError("rate_limited", "test.slow_down", "Slow down.", {
      cause,
      data: { retryAfterSeconds: 9 },
    });
    expect(e).toMatchObject({ kind: "rate_limited", code: "test.slow_down", message: "Slow down.", status: 429 });
    expect(e.cause).toBe(cause);
    expect(e.data).toEqual({ retryAfterSeconds: 9 });
    expect(new TidingsError("invalid", "test.plain", "Plain.").cause).toBeUndefined();
  });
});

describe("errors that wrap another", () => {
  it("pass on what the parser said", () => {
    const e = (() => {
      try {
        parseFeed(Buffer.from('{"version": "https://jsonfeed.org/version/1.1", "items": ['), {});
      } catch (error) {
        return error as TidingsError;
      }
    })();
    expect(e).toMatchObject({ code: "feed.malformed" });
    expect(e?.cause).toBeInstanceOf(SyntaxError);
  });

  it("pass on why a feed could not be reached or read", async () => {
    const unreachable = await fetchFeed("http://127.0.0.1:9/feed.xml", { userAgent: "test" }).catch((e) => e);
    expect(unreachable).toMatchObject({ code: "feed.unreachable" });
    expect(unreachable.cause).toBeInstanceOf(Error);
    const missing = await fetchFeed("no/such/feed.xml", { userAgent: "test" }).catch((e) => e);
    expect(missing).toMatchObject({ code: "feed.no_such_file", cause: { code: "ENOENT" } });
  });
});

describe("the local log", () => {
  it("shows an error's causes, on its line and as stacks", () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const root = Object.assign(new Error("connect ECONNREFUSED"), { name: "NetworkError" });
    log().error("ingest stopped", {
      error: new TidingsError("unavailable", "x.y", "could not store", { cause: root }),
    });
    expect(lines.join("")).toContain('error="could not store ← caused by NetworkError: connect ECONNREFUSED"');
    expect(lines.join("")).toMatch(/\nCaused by: NetworkError: connect ECONNREFUSED\n\s+at /);
  });
});
