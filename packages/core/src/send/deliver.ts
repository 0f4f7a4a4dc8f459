/**
 * The send consumer: delivers one queue job (a batch of recipients of one digest), each
 * recipient exactly once. Claim the send record, call SES, record the outcome; what SES cannot
 * take now is handed back for a later delivery of the job.
 */
import { randomUUID } from "node:crypto";
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Context } from "../context.ts";
import { readerCopy, type DigestEmail } from "../digest/reader-copy.ts";
import { isTidingsError, TidingsError } from "../error.ts";
import { withRetry } from "../async/retry.ts";
import { addDigestStats } from "../store/digest-stats.ts";
import { claimSend, finishSend, releaseSend } from "../store/sends.ts";
import { getRecipients } from "../store/recipients.ts";
import { readerLinks } from "../subscription/links.ts";
import { chosenThemes } from "../subscription/preferences.ts";
import { themes } from "../theme/themes.ts";
import { mapLimit } from "../async/map-limit.ts";
import { sendEmailInput, addressOf } from "./message.ts";
import type { TokenBucket } from "./pace.ts";
import type { SendJob } from "./job.ts";
import { classifySesError, retrySes } from "./ses-errors.ts";

export interface DeliveryOptions {
  pace: TokenBucket;
  /** A claim older than this is presumed abandoned by a crashed consumer and may be taken over. */
  claimTimeoutMs: number;
  /** SES calls in flight at once in this consumer. */
  concurrency: number;
  /** SES attempts per recipient before the job is handed back to the queue. */
  attempts: number;
  backoff: { baseMs: number; capMs: number; sleep?: (ms: number) => Promise<void> };
  /** Tries at the completion of a message SES took, each one the SDK's own retries (see recordSent). */
  completion: { attempts: number; baseMs: number; capMs: number };
  now(): number;
  /** Once aborted, no new recipient is claimed (a graceful stop: run again to finish). */
  signal?: AbortSignal;
}

export const defaultDelivery = {
  claimTimeoutMs: 10 * 60_000,
  concurrency: 8,
  attempts: 4,
  backoff: { baseMs: 200, capMs: 5_000 },
  // About 15 s in all: past a DynamoDB restart, or the SDK's retry budget spent by an outage.
  completion: { attempts: 6, baseMs: 500, capMs: 8_000 },
  now: Date.now,
} satisfies Omit<DeliveryOptions, "pace">;

export type RecipientOutcome = "sent" | "skipped" | "failed" | "retry";

/**
 * Claims of this process that never reached SES but may stand in the table, because the write
 * that made, released or closed them failed for good (DynamoDB down): by digest/reader. The next
 * try at that reader, here, takes them over at once instead of waiting out the claim timeout.
 */
const orphans = new Map<string, string[]>();

async function orphanedOnFailure<T>(key: string, claimId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    orphans.set(key, [...(orphans.get(key) ?? []), claimId].slice(-10));
    throw error;
  }
}

export interface JobOutcome {
  sent: number;
  skipped: number;
  failed: number;
  /** Recipients to try again with a later delivery of the job. */
  retry: number;
  /** Recipients not tried because the digest's delivery is paused (a resume queues them again). */
  held?: number;
}

/** SES will not send anything now (account paused or suspended): stop the whole send. */
export class SendingStopped extends TidingsError {
  constructor(
    readonly reason: string,
    options: ErrorOptions = {},
  ) {
    super("unavailable", "send.stopped", `SES refuses to send: ${reason}`, options);
  }
}

/**
 * Completes the record of a message SES accepted. The DynamoDB client retries passing faults
 * itself (store/db.ts), but during an outage its retry budget runs out within a second or two;
 * this is the one write whose loss can cost a reader a second copy, so it is tried again,
 * patiently, for a quarter of a minute (the update is conditional on our claim: repeating it is
 * harmless). If it still cannot, the claim stays held: SES's Send event completes it
 * (send-events.ts), and until then no consumer takes it over, so the reader is not mailed twice.
 */
async function recordSent(
  ctx: Context,
  options: DeliveryOptions,
  [week, id, claimId]: [string, string, string],
  messageId: string,
  at: number,
) {
  try {
    const recorded = await withRetry(() => finishSend(ctx.db, week, id, claimId, { status: "sent", messageId, at }), {
      ...options.completion,
      retryable: (e) => !isTidingsError(e),
    });
    if (!recorded) ctx.log.warn("send recorded late: its claim had been taken over", { week, subscriber: id });
  } catch (error) {
    ctx.log.error("sent, but the send record could not be completed; the SES Send event will", {
      week,
      subscriber: id,
      messageId,
      error,
    });
  }
}

export async function deliverJob(
  ctx: Context,
  job: SendJob,
  digest: DigestEmail,
  options: DeliveryOptions,
): Promise<JobOutcome> {
  const { config, db, ses, log } = ctx;
  const recipients = await getRecipients(db, job.subscriberIds);
  const themeNames = themes().list.map((t) => t.name);

  let stopped: Error | undefined;

  const deliverOne = async (id: string): Promise<RecipientOutcome> => {
    if (stopped || options.signal?.aborted) return "retry";
    const subscriber = recipients.get(id);
    if (!subscriber || subscriber.state !== "active") return "skipped"; // left, bounced or never confirmed
    const links = readerLinks(config, subscriber);
    const copy = readerCopy(digest, chosenThemes(subscriber.themes, themeNames), links);
    if (!copy) return "skipped"; // nothing this week in the reader's themes
    const orphanKey = `${job.week}/${id}`;
    const claimId = randomUUID();
    const claim = await orphanedOnFailure(orphanKey, claimId, () =>
      claimSend(db, job.week, id, options.now(), options.claimTimeoutMs, { claimId, orphans: orphans.get(orphanKey) }),
    );
    if (!claim.ok) return claim.reason === "done" ? "skipped" : "retry";
    orphans.delete(orphanKey);

    const input = sendEmailInput(copy, {
      from: config.sender,
      to: subscriber.email,
      unsubscribeUrl: links.unsubscribeUrl,
      unsubscribeMailto: addressOf(config.sender),
      configurationSet: config.sesConfigurationSet,
      // SES's Send event carries these back to the send record (send-events.ts).
      tags: { digest: job.week, subscriber: id },
    });
    let messageId: string;
    try {
      ({ MessageId: messageId = "" } = await retrySes(
        async () => {
          await options.pace.take();
          return ses.send(new SendEmailCommand(input)).catch((error: unknown) => {
            if (classifySesError(error) === "retry") ctx.metrics.count("EmailsThrottled");
            throw error;
          });
        },
        { attempts: options.attempts, ...options.backoff },
      ));
    } catch (error) {
      const kind = classifySesError(error);
      if (kind === "permanent") {
        const reason = `${(error as Error).name}: ${(error as Error).message}`;
        await orphanedOnFailure(orphanKey, claimId, () =>
          finishSend(db, job.week, id, claimId, { status: "failed", error: reason, at: options.now() }),
        );
        log.warn("send failed for good", { week: job.week, subscriber: id, error: reason });
        return "failed";
      }
      await orphanedOnFailure(orphanKey, claimId, () => releaseSend(db, job.week, id, claimId));
      if (kind === "fatal") stopped ??= error as Error;
      return "retry";
    }
    // SES has the message: from here on the claim is never given back, whatever DynamoDB says.
    await recordSent(ctx, options, [job.week, id, claimId], messageId, options.now());
    return "sent";
  };

  const outcomes = await mapLimit(job.subscriberIds, options.concurrency, deliverOne);
  const count = (o: RecipientOutcome) => outcomes.filter((x) => x === o).length;
  const outcome = { sent: count("sent"), skipped: count("skipped"), failed: count("failed"), retry: count("retry") };
  // The desk's delivery figures; the send records stay the truth, so a fault here only logs.
  await addDigestStats(db, job.week, outcome).catch((error: unknown) =>
    log.warn("send: delivery figures not counted", { week: job.week, error }),
  );
  if (stopped) {
    ctx.metrics.count("SendsStopped");
    throw new SendingStopped(stopped.message, { cause: stopped });
  }
  return outcome;
}
