/**
 * `npm run digest -- [--week 2026-W20] [--rebuild] [--send] [--to ADDRESS]`: builds the digest of
 * an ISO week (default: the last complete week in DIGEST_TIMEZONE), idempotently, and prints
 * where to see it; `--to` mails one test copy, `--send` plays the weekly job: it delivers it to
 * every active subscriber, or with REVIEW=on emails the editors a link to the draft (an approval
 * in the running app then delivers it), after settling earlier drafts left unapproved.
 */
import { parseArgs } from "node:util";
import { buildDigest } from "@tidings/core/digest/build";
import { settleOverdueDrafts } from "@tidings/core/review/deadline";
import { lastCompleteWeek, parseWeek, weekDates } from "@tidings/core/digest/week";
import { isTidingsError } from "@tidings/core/error";
import { newsletter } from "@tidings/templates/newsletter";
import { useLocalStack } from "../stack.ts";
import { requestReviewOf, sendAll, sendTest } from "./send-digest.ts";

const usage =
  "usage: npm run digest -- [--week 2026-W20] [--rebuild] [--send] [--to ADDRESS] | --week 2026-W20 --resume";

function fail(message: string): never {
  process.stderr.write(`npm run digest: ${message}\n`);
  process.exit(1);
}

let options: { week?: string | undefined; rebuild: boolean; send: boolean; resume: boolean; to?: string | undefined };
try {
  ({ values: options } = parseArgs({
    options: {
      week: { type: "string" },
      rebuild: { type: "boolean", default: false },
      send: { type: "boolean", default: false },
      resume: { type: "boolean", default: false },
      to: { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  }));
  if (options.week) parseWeek(options.week); // a typo fails before any service starts
  if (options.resume && !options.week) throw new Error("--resume names the week whose send it resumes");
} catch (e) {
  fail(isTidingsError(e) ? e.message : `${(e as Error).message}\n${usage}`);
}

const stack = await useLocalStack("digest");
let failure: string | undefined;
try {
  const { config } = stack.ctx;
  const week = options.week ?? lastCompleteWeek(new Date(), config.digestTimezone);
  if (options.send) {
    // As the weekly job does first: drafts of earlier weeks nobody approved are sent or skipped.
    for (const { week: late, action } of await settleOverdueDrafts(
      stack.ctx,
      week,
      (w) => sendAll(stack, w),
      new Date(),
    )) {
      process.stdout.write(
        `The draft of ${late} was not approved in time: ${action} (REVIEW_DEADLINE); the editors were told.\n`,
      );
    }
  }
  const result = options.resume ? undefined : await buildDigest(stack.ctx, week, { rebuild: options.rebuild });
  if (!result) {
    if (!(await sendAll(stack, week, true))) process.exitCode = 1;
  } else if (result.status === "empty") {
    const { range } = result;
    process.stdout.write(
      `No digest for ${range.week} (${weekDates(range, newsletter.locale)}, ${config.digestTimezone}): no item was published that week.\n`,
    );
  } else {
    const { digest, status } = result;
    const themes = digest.sections.length;
    const what = { created: "built", replaced: "rebuilt", exists: "already built (--rebuild renders it anew)" }[status];
    const base = `${config.publicUrl}/digests/${digest.week}`;
    const draft = digest.status === "draft";
    process.stdout.write(
      [
        `Digest ${digest.week} (${weekDates(digest, newsletter.locale)}): ${what}${draft ? " as a draft for review (REVIEW=on)" : ""}; ${digest.itemCount} items in ${themes} ${themes === 1 ? "theme" : "themes"}.`,
        `  Subject  ${digest.subject}`,
        ...(draft
          ? [`  Review   ${config.publicUrl}/admin/digests/${digest.week}   (in the desk; not public until approved)`]
          : [
              `  Preview  ${base}`,
              `  Email    ${base}/email   (as sent; personal links neutralised)`,
              `  JSON     ${base}.json`,
            ]),
        ...(stack.embedded ? ["  (These pages are served by `npm start`.)"] : []),
        "",
      ].join("\n"),
    );
    if (options.to) await sendTest(stack, digest.week, options.to);
    if (options.send && draft) await requestReviewOf(stack, digest);
    else if (options.send && !(await sendAll(stack, digest.week))) process.exitCode = 1;
  }
} catch (e) {
  if (!isTidingsError(e)) throw e;
  failure = e.message;
} finally {
  await stack.close();
}
if (failure) fail(failure);
