/** Fetching a feed from a local file: a path or a file: URL, its mtime as the validator, the size cap. */
import { utimesSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { type FetchOptions, fetchFeed, userAgent } from "@tidings/core/feed/fetch";
import { rejection, seedBytes } from "../support/feeds.ts";

const seed = seedBytes();
const options: FetchOptions = { userAgent: userAgent("https://news.example.org") };

describe("local files", () => {
  const dir = mkdtempSync(join(tmpdir(), "tidings-fetch-"));
  const file = join(dir, "feed.xml");
  writeFileSync(file, seed);
  utimesSync(file, new Date("2026-05-19T12:00:00Z"), new Date("2026-05-19T12:00:00Z"));

  it("reads a path or a file: URL, its mtime as Last-Modified", async () => {
    const byPath = await fetchFeed(file, options);
    expect(byPath).toMatchObject({
      status: "ok",
      url: file,
      lastModified: "Tue, 19 May 2026 12:00:00 GMT",
      requests: 0,
    });
    expect(await fetchFeed(pathToFileURL(file).href, options)).toMatchObject({ status: "ok" });
  });

  it("is not modified while its mtime stands", async () => {
    expect(await fetchFeed(file, { ...options, lastModified: "Tue, 19 May 2026 12:00:00 GMT" })).toMatchObject({
      status: "not_modified",
    });
  });

  it("reports a missing file, or one over the cap", async () => {
    expect(await rejection(fetchFeed(join(dir, "missing.xml"), options))).toMatchObject({
      kind: "not_found",
      code: "feed.no_such_file",
    });
    expect((await rejection(fetchFeed(file, { ...options, maxBytes: 1000 }))).code).toBe("feed.too_large");
  });
});
