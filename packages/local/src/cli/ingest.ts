/**
 * `npm run ingest -- [--feed URL_OR_FILE]`: one ingest run over the registry's active feeds (seeded
 * from FEEDS; the desk changes them), or just the one named (fetched even if it is backing off), with a line per feed and a
 * summary. Exits 1 when a feed failed.
 */
import { parseArgs } from "node:util";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import { feedsToIngest } from "@tidings/core/feed/registry";
import { plural, progressLine } from "./ingest-report.ts";
import { useLocalStack } from "../stack.ts";

const usage = "usage: npm run ingest -- [--feed URL_OR_FILE]";

function fail(message: string): never {
  process.stderr.write(`npm run ingest: ${message}\n`);
  process.exit(1);
}

let feed: string | undefined;
try {
  ({ feed } = parseArgs({ options: { feed: { type: "string" } }, allowPositionals: false }).values);
} catch (e) {
  fail(`${(e as Error).message}\n${usage}`);
}

const stack = await useLocalStack("ingest");
let failed = 0;
try {
  const feeds = feed ? [feed] : await feedsToIngest(stack.ctx);
  process.stdout.write(`Ingesting ${plural(feeds.length, "feed")}…\n`);
  const summary = await ingestFeeds(stack.ctx, feeds, (r) => process.stdout.write(progressLine(r) + "\n"), {
    force: Boolean(feed),
  });
  failed = summary.failed;
  const notModified = summary.feeds.filter((f) => f.status === "not_modified").length;
  const skipped = summary.feeds.filter(
    (f) => f.status === "backing_off" || f.status === "disabled" || f.status === "gone",
  ).length;
  process.stdout.write(
    `Done: ${summary.new} new, ${summary.updated} updated, ${summary.unchanged} unchanged` +
      `; ${plural(notModified, "feed")} not modified, ${skipped} skipped, ${summary.failed} failed.\n`,
  );
} finally {
  await stack.close();
}
if (failed) process.exit(1);
