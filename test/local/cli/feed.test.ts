/** `npm run feed -- URL_OR_FILE [--json]`, run as a user runs it. */
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeed } from "@tidings/core/feed/parse";
import { repoRoot } from "../../support/processes.ts";
import { corpusDir, feedsDir, seedBytes } from "../../support/feeds.ts";

const run = promisify(execFile);
const entry = "packages/local/src/cli/feed.ts";

async function feed(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", entry, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const server = createServer((req, res) => {
  if (req.url === "/old") return void res.writeHead(301, { location: "/feed.xml" }).end();
  res.writeHead(200, { "content-type": "application/rss+xml" }).end(seedBytes());
});
let base = "";
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => void server.close());

describe("npm run feed", () => {
  it("--json prints exactly the normalised feed", async () => {
    const { code, stdout } = await feed(feedsDir + "scmp-semiconductors.xml", "--json");
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed).toEqual(parseFeed(seedBytes()));
    expect(Object.keys(printed)).toEqual(["format", "title", "link", "items"]);
    expect(Object.keys(printed.items[0])).toEqual([
      "id",
      "title",
      "link",
      "published",
      "author",
      "summary",
      "categories",
      "image",
    ]);
  });

  it("lists a feed readably, fetched over HTTP, and notes a permanent move", async () => {
    const { code, stdout, stderr } = await feed(`${base}/old`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Semiconductors - South China Morning Post — RSS 2\.0, 50 items\n/);
    expect(stdout).toContain(
      "1. AMD CEO’s meeting with China’s vice-premier raises optimism about US AI chip imports\n   2026-05-19 11:30 UTC · Minxiao Chang, Wency Chen, Eunice Xu\n",
    );
    expect(stderr).toBe(`note: ${base}/old has moved permanently to ${base}/feed.xml\n`);
  });

  it.each([
    ["nodefeedparser__notafeed.html", "not a feed: the document is an HTML page"],
    ["gofeed__empty_feed.xml", "not a feed: the body is empty"],
  ])("exits 1 with a one-line reason for %s", async (file, reason) => {
    const { code, stdout, stderr } = await feed(corpusDir + file, "--json");
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: "", stderr: `npm run feed: ${reason}\n` });
  });

  it("says so when the file does not exist", async () => {
    expect(await feed("no/such/feed.xml")).toEqual({
      code: 1,
      stdout: "",
      stderr: "npm run feed: no such file: no/such/feed.xml\n",
    });
  });
});
