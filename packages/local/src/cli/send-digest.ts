/**
 * The sending half of `npm run digest`: `--to` (one test copy) and `--send` (everyone, with
 * progress; or, for a draft, the editors asked to review it).
 */
import { availableParallelism } from "node:os";
import { sendRate } from "@tidings/core/send/consumer";
import { defaultDelivery } from "@tidings/core/send/deliver";
import { getSendControl } from "@tidings/core/store/send-pause";
import { sendTotals } from "@tidings/core/store/sends";
import { sendInProcess, type SendProgress } from "@tidings/core/send/in-process";
import { sendTestCopy } from "@tidings/core/send/test-copy";
import { requestReview } from "@tidings/core/review/request";
import type { Digest } from "@tidings/core/store/digests";
import { sendWorkers } from "../send-workers.ts";
import type { LocalStack } from "../stack.ts";

/** Where to read what was sent: the running stack's mailbox (an embedded one ends with the command). */
const mailbox = (stack: LocalStack) => (stack.embedded ? "" : `  Mailbox  ${stack.ctx.config.sesEndpoint}/\n`);

export async function sendTest(stack: LocalStack, week: string, to: string): Promise<void> {
  const id = await sendTestCopy(stack.ctx, week, to);
  process.stdout.write(`Test copy of ${week} sent to ${to} (SES message ${id}).\n${mailbox(stack)}`);
}

/** A draft (REVIEW=on): its editors get the link, once; approving it in the running app sends it. */
export async function requestReviewOf(stack: LocalStack, digest: Digest): Promise<void> {
  const { config } = stack.ctx;
  const asked = await requestReview(stack.ctx, digest, new Date());
  const editors = config.adminEmails.join(", ") || "nobody (ADMIN_EMAILS is empty)";
  process.stdout.write(
    (asked === "requested"
      ? `Not sent: the editors (${editors}) were emailed a link to review the draft.\n`
      : `Not sent: the editors were asked to review the draft on ${digest.reviewRequestedAt?.slice(0, 16).replace("T", " ")} UTC.\n`) +
      `Approving it in the desk (${config.publicUrl}/admin/digests/${digest.week}) or through the API ` +
      `(POST /api/v1/digests/${digest.week}/approve) delivers it from the running app.\n` +
      (stack.embedded ? "The app is not running: start it with `npm start` to approve the draft.\n" : mailbox(stack)),
  );
}

function line(p: SendProgress): string {
  const done = p.sent + p.skipped + p.failed;
  const rate = p.seconds > 0 ? Math.round(p.sent / p.seconds) : 0;
  return `  ${done}/${p.recipients}  sent ${p.sent}  skipped ${p.skipped}  failed ${p.failed}  retried ${p.retried}  ${rate}/s`;
}

/**
 * Resolves true when every recipient is done (sent, skipped or failed for good). `resume`
 * continues a send the reputation guard paused.
 */
export async function sendAll(stack: LocalStack, week: string, resume = false): Promise<boolean> {
  // Ctrl-C stops gracefully: recipients in flight finish and are recorded; run again to finish.
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write("\nStopping: finishing the emails in flight (Ctrl-C again to quit at once)…\n");
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let last = 0;
  let shown = "";
  const tty = process.stdout.isTTY;
  process.stdout.write(resume ? `Resuming the send of ${week}…\n` : `Sending ${week} to every active subscriber…\n`);
  const workers = sendWorkers(stack.ctx.config, {
    threads: Math.min(4, availableParallelism()),
    ratePerSecond: await sendRate(stack.ctx),
    signal: stop.signal,
  });
  try {
    const summary = await sendInProcess(stack.ctx, week, {
      deliver: workers.deliver,
      signal: stop.signal,
      resume,
      onProgress: (p) => {
        const now = performance.now();
        if (now - last < (tty ? 100 : 2000)) return;
        last = now;
        shown = line(p);
        process.stdout.write(tty ? `\r${shown}` : `${shown}\n`);
      },
    });
    if (summary.nothingToResume) {
      process.stdout.write(`Nothing to resume: the send of ${week} is not paused.\n`);
      return true;
    }
    // The final count, unless it is the line already on screen.
    if (line(summary) !== shown || tty) process.stdout.write(`${tty ? "\r" : ""}${line(summary)}\n`);
    if (summary.paused) {
      const { paused } = await getSendControl(stack.ctx.db, week);
      process.stdout.write(
        `Paused by the reputation guard: ${paused?.reason ?? "bounces or complaints over the limit"}.\n` +
          `${summary.sent} sent before it paused; ${summary.held} not tried. The editors were told by email.\n` +
          `Resume when ready (nobody gets it twice): npm run digest -- --week ${week} --resume\n` +
          mailbox(stack),
      );
      return false;
    }
    const verb = summary.stopped ? "Stopped" : "Done";
    const complete = !summary.stopped && summary.deadLetters === 0;
    // Claims still held belong to another sender, or to one that crashed: theirs to finish, or ours
    // once they are older than the claim timeout.
    const { claimed } = complete ? { claimed: 0 } : await sendTotals(stack.ctx.db, week);
    process.stdout.write(
      `${verb}: ${summary.sent} sent, ${summary.skipped} skipped (already sent, or not active), ${summary.failed} failed, in ${summary.seconds.toFixed(1)} s.\n` +
        (complete
          ? ""
          : "Some recipients are not done yet: run the same command again to finish (nobody gets it twice).\n") +
        (claimed > 0
          ? `${claimed} of them are held by another send, running or crashed; a rerun takes them over once their claim is ${defaultDelivery.claimTimeoutMs / 60_000} minutes old.\n`
          : "") +
        mailbox(stack),
    );
    return complete;
  } finally {
    await workers.close();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
