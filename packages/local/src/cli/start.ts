/**
 * `npm start`: the whole pipeline on this machine. Embedded DynamoDB and SES on their usual
 * ports, the table, the app, the configured feeds ingested and the past weeks' digests built;
 * Ctrl-C stops everything.
 */
import { config } from "@tidings/core/config";
import { createContext } from "@tidings/core/context";
import { buildMissingDigests } from "@tidings/core/digest/backfill";
import { prepareInstallation } from "@tidings/core/admin/setup";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import { feedsToIngest } from "@tidings/core/feed/registry";
import { plural, progressLine } from "./ingest-report.ts";
import { releaseLock, updateLock } from "../lock.ts";
import { serveApp } from "../serve.ts";
import { startEmbedded } from "../stack.ts";

const cfg = config();
const fail = (message: string) => {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
};

const { services, config: local } = await startEmbedded("start", cfg, true).catch((e: Error) => fail(e.message));
const ctx = createContext(local);
const server = await serveApp(ctx, cfg.port).catch(async (e: NodeJS.ErrnoException) => {
  await services.close();
  releaseLock(cfg.dataDir);
  return fail(e.code === "EADDRINUSE" ? `port ${cfg.port} is in use (set PORT to use another)` : e.message);
});
const appUrl = `http://localhost:${cfg.port}`;
updateLock(cfg.dataDir, {
  owner: "start",
  dynamodbEndpoint: services.dynamodbEndpoint,
  sesEndpoint: services.sesEndpoint,
  appUrl,
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  process.stdout.write("\nStopping Tidings…\n");
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await services.close();
  releaseLock(cfg.dataDir);
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

await prepareInstallation(ctx);
const feeds = await feedsToIngest(ctx);
process.stdout.write(`Ingesting ${plural(feeds.length, "feed")}…\n`);
const ingested = await ingestFeeds(ctx, feeds, (r) => process.stdout.write(progressLine(r) + "\n"));
const built = await buildMissingDigests(ctx);
process.stdout.write(
  `${plural(ingested.new, "new item")}; ${built.length ? `built ${plural(built.length, "digest")} (${built[0]} to ${built.at(-1)})${cfg.review === "on" ? " as drafts for review (REVIEW=on)" : ""}` : "every past week with items has its digest"}.\n`,
);

process.stdout.write(
  [
    "",
    "Tidings is running.",
    `  App       ${appUrl}/`,
    `  Archive   ${appUrl}/digests`,
    `  Health    ${appUrl}/health`,
    `  Admin     ${appUrl}/admin   (sign in as ${cfg.adminEmails.join(", ") || "nobody: set ADMIN_EMAILS"}; the link arrives in the mailbox)`,
    `  Mailbox   ${services.sesEndpoint}/   (local SES; messages as JSON at ${services.sesEndpoint}/store)`,
    `  DynamoDB  ${services.dynamodbEndpoint}   (data kept in ${cfg.dataDir})`,
    "",
    "Press Ctrl-C to stop.",
    "",
  ].join("\n"),
);
