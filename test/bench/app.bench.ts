/**
 * The public pages under load: requests per second and p99 latency at 50 concurrent connections
 * (autocannon) for /health (the floor: no storage, no page), the landing page, the archive and a
 * sent digest's web edition, and that page revalidated with its ETag (304), all in one run,
 * against `npm start` (its own ports and data directory) in another process, over the seed feed.
 * Goal: the digest page at no less than half the rate of /health.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { createDb } from "@tidings/core/store/db";
import { listDigests, markSendStarted } from "@tidings/core/store/digests";
import { freePort, repoRoot, runTs } from "../support/processes.ts";

const CONNECTIONS = 50;
const SECONDS = 10;

async function load(url: string, headers: Record<string, string> = {}, seconds = SECONDS) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    statuses: {
      ok: result["2xx"],
      notModified: result["3xx"],
      other: result.non2xx - result["3xx"],
      errors: result.errors,
    },
  };
}

export default async function bench(): Promise<void> {
  const [port, dynamodb, ses] = await Promise.all([freePort(), freePort(), freePort()]);
  const dataDir = mkdtempSync(join(tmpdir(), "tidings-app-bench-"));
  const env = {
    PORT: String(port),
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamodb}`,
    SES_ENDPOINT: `http://127.0.0.1:${ses}`,
    TIDINGS_DATA_DIR: dataDir,
    TABLE_NAME: "tidings",
    FEEDS: join(repoRoot, "templates/feeds/scmp-semiconductors.xml"),
    LOG_LEVEL: "WARN",
    POWERTOOLS_LOG_LEVEL: "WARN",
  };
  const stack = runTs("packages/local/src/cli/start.ts", [], env);
  try {
    await stack.waitFor("Press Ctrl-C to stop.", 120_000);
    // The newest issue went out (as `npm run digest -- --send` marks it): its pages are final.
    const db = createDb({ table: "tidings", region: "us-east-1", endpoint: env.DYNAMODB_ENDPOINT });
    const [newest] = await listDigests(db);
    if (!newest) throw new Error("npm start built no digest");
    await markSendStarted(db, newest.week, new Date());
    const base = `http://127.0.0.1:${port}`;
    const digestPath = `/digests/${newest.week}`;
    const etag = (await fetch(`${base}${digestPath}`)).headers.get("etag") ?? "";

    const paths: [string, string, Record<string, string>][] = [
      ["/health", "/health", {}],
      ["/ (landing page)", "/", {}],
      ["/digests (archive)", "/digests", {}],
      [`${digestPath} (sent digest)`, digestPath, {}],
      [`${digestPath} with If-None-Match (304)`, digestPath, { "if-none-match": etag }],
    ];
    for (const [, path] of paths) await load(`${base}${path}`, {}, 2); // warm-up: JIT, caches, connections
    const rows = [];
    for (const [name, path, headers] of paths) rows.push({ name, ...(await load(`${base}${path}`, headers)) });

    const health = rows[0]!.rps;
    console.log(`${CONNECTIONS} connections, ${SECONDS} s each, npm start in its own process (2 shared cores)`);
    console.log("path                                          req/s    p99 ms   vs /health   answers");
    for (const r of rows) {
      const s = r.statuses;
      const answers = `${s.ok} 2xx${s.notModified ? `, ${s.notModified} 304` : ""}${s.other ? `, ${s.other} other` : ""}${s.errors ? `, ${s.errors} errors` : ""}`;
      console.log(
        `  ${r.name.padEnd(42)}${r.rps.toFixed(0).padStart(7)}${r.p99.toFixed(0).padStart(9)}${(r.rps / health).toFixed(2).padStart(11)}x   ${answers}`,
      );
    }
    const digest = rows[3]!.rps / health;
    console.log(
      `  goal: the digest page at ≥ 0.5x /health: ${digest >= 0.5 ? "met" : "NOT met"} (${digest.toFixed(2)}x)`,
    );
  } finally {
    await stack.stop("SIGINT");
    rmSync(dataDir, { recursive: true, force: true });
  }
}
