/** The schedules: the weekly digest and the hourly ingest (EventBridge Scheduler, via CronV2). */
import { cdn } from "./cdn.ts";
import { sendQueue } from "./delivery.ts";
import { email } from "./email.ts";
import { fn, renders, themes } from "./function.ts";
import { settings } from "./settings.ts";
import { table } from "./storage.ts";

// Weekly digest: builds the last complete week's digest and queues its delivery, or with
// REVIEW=on builds a draft and emails the editors (hence `email`). The schedule is read in
// DIGEST_TIMEZONE; the default, Monday 06:00, leaves late items of Sunday a few hours to arrive.
export const weeklyDigest = new sst.aws.CronV2("WeeklyDigest", {
  schedule: settings.digestSchedule,
  timezone: settings.digestTimezone,
  function: {
    ...fn,
    handler: "packages/functions/src/lambda/digest.handler",
    link: [table, sendQueue, cdn, email],
    ...renders,
    // The theme classifier reads its word neighbours when it learns; no other function needs them.
    copyFiles: [
      ...renders.copyFiles,
      { from: "packages/core/data/word-neighbours.bin", to: "data/word-neighbours.bin" },
      ...themes.copyFiles,
    ],
    environment: {
      ...fn.environment,
      ...themes.environment,
      REVIEW: settings.review,
      REVIEW_DEADLINE: settings.reviewDeadline,
    },
    memory: "1024 MB",
    timeout: "15 minutes",
  },
});

// Hourly ingest: every feed in FEEDS fetched conditionally; new and changed items stored.
export const hourlyIngest = new sst.aws.CronV2("HourlyIngest", {
  schedule: "rate(1 hour)",
  function: {
    ...fn,
    handler: "packages/functions/src/lambda/ingest.handler",
    link: [table, cdn],
    memory: "1024 MB",
    timeout: "5 minutes",
  },
});
