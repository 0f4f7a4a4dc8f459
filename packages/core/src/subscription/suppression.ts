/**
 * Bounces and complaints from SES (configuration-set event publishing; the older identity
 * notifications, with `notificationType`, are read the same). Hard bounces and complaints
 * suppress the address for good; soft bounces suppress a reader once they happened in
 * `SOFT_BOUNCE_DIGESTS` different digests (the digest is the message's `digest` tag); every
 * other event is ignored here.
 */
import { z } from "zod";
import type { Context } from "../context.ts";
import { recordSoftBounce } from "../store/soft-bounces.ts";
import { suppressSubscriber } from "../store/subscriber-state.ts";
import { EmailAddress } from "./address.ts";
import { subscriberId } from "./subscriber.ts";

const Recipient = z.object({ emailAddress: z.string() }).loose();

/** Soft bounces in this many different digests suppress a reader: their mailbox is not coming back. */
export const SOFT_BOUNCE_DIGESTS = 3;

/** The parts of an SES event record we act on; everything else in it is kept but not read. */
export const SesEvent = z
  .object({
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    bounce: z
      .object({
        bounceType: z.string(),
        bounceSubType: z.string().optional(),
        bouncedRecipients: z.array(Recipient.extend({ diagnosticCode: z.string().optional() })),
      })
      .loose()
      .optional(),
    complaint: z
      .object({ complainedRecipients: z.array(Recipient), complaintFeedbackType: z.string().optional() })
      .loose()
      .optional(),
    /** The message the event is about; its `tags` name the digest and reader (send/deliver.ts). */
    mail: z
      .object({ tags: z.record(z.string(), z.array(z.string())).optional() })
      .loose()
      .optional(),
  })
  .loose();
export type SesEvent = z.infer<typeof SesEvent>;

/** The digest an event's message belonged to (its `digest` tag), if it was a digest. */
export const digestOf = (event: SesEvent): string | undefined => event.mail?.tags?.digest?.[0];

export interface SesEventOutcome {
  /** What the event was, in a word: "bounce (Permanent/General)", "complaint (abuse)", "Delivery"… */
  event: string;
  /** Subscriber ids newly suppressed. */
  suppressed: string[];
  /** Why nothing was done, when nothing was. */
  ignored?: string;
}

/** Applies one SES event record (the JSON SES publishes to SNS or EventBridge `detail`). */
export async function applySesEvent(ctx: Context, record: unknown, now: Date): Promise<SesEventOutcome> {
  const parsed = SesEvent.safeParse(record);
  if (!parsed.success) return { event: "unreadable", suppressed: [], ignored: "not an SES event record" };
  const event = parsed.data;
  const type = event.eventType ?? event.notificationType ?? "unknown";

  let kind: "bounce" | "complaint";
  let detail: string;
  let recipients: { emailAddress: string }[];
  if (type === "Bounce" && event.bounce) {
    detail = `${event.bounce.bounceType}/${event.bounce.bounceSubType ?? "?"}`;
    if (event.bounce.bounceType !== "Permanent") return softBounce(ctx, event, detail, now);
    kind = "bounce";
    recipients = event.bounce.bouncedRecipients;
  } else if (type === "Complaint" && event.complaint) {
    detail = event.complaint.complaintFeedbackType ?? "complaint";
    if (detail === "not-spam") return { event: `complaint (${detail})`, suppressed: [], ignored: "marked as not spam" };
    kind = "complaint";
    recipients = event.complaint.complainedRecipients;
  } else {
    return { event: type, suppressed: [], ignored: "neither a bounce nor a complaint" };
  }

  ctx.metrics.count(kind === "bounce" ? "Bounces" : "Complaints", recipients.length);
  const suppressed: string[] = [];
  for (const { emailAddress } of recipients) {
    const address = EmailAddress.safeParse(emailAddress);
    if (!address.success) {
      ctx.log.warn("ses event: recipient is not an address we could have mailed", { kind });
      continue;
    }
    const id = await subscriberId(ctx, address.data);
    if (await suppressSubscriber(ctx.db, { id, email: address.data, kind, detail, now })) {
      suppressed.push(id);
      ctx.log.info("ses event: address suppressed", { subscriber: id, kind, detail });
    }
  }
  return { event: `${kind} (${detail})`, suppressed };
}

/** A soft bounce: counted per reader and digest; the third digest suppresses the reader. */
async function softBounce(ctx: Context, event: SesEvent, detail: string, now: Date): Promise<SesEventOutcome> {
  const week = digestOf(event);
  const outcome = { event: `bounce (${detail})`, suppressed: [] as string[] };
  if (!week) return { ...outcome, ignored: "a soft bounce of a message that was not a digest" };
  for (const { emailAddress } of event.bounce!.bouncedRecipients) {
    const address = EmailAddress.safeParse(emailAddress);
    if (!address.success) continue;
    const id = await subscriberId(ctx, address.data);
    if ((await recordSoftBounce(ctx.db, id, week)) < SOFT_BOUNCE_DIGESTS) continue;
    const why = `soft bounces in ${SOFT_BOUNCE_DIGESTS} digests, the last ${detail}`;
    if (await suppressSubscriber(ctx.db, { id, email: address.data, kind: "bounce", detail: why, now })) {
      outcome.suppressed.push(id);
      ctx.log.info("ses event: address suppressed after repeated soft bounces", { subscriber: id });
    }
  }
  return outcome;
}

export interface SampleOptions {
  /** The digest the bounced or complained-of message was (its `digest` tag, as deliver.ts sets it). */
  digest?: string | undefined;
}

/**
 * A sample event record, shaped like SES's own (for the local replay command and tests).
 *
 * @example sampleSesEvent("bounce", "reader@example.com", new Date(), { digest: "2026-W20" })
 */
export function sampleSesEvent(
  kind: "bounce" | "soft-bounce" | "complaint",
  address: string,
  now: Date,
  { digest }: SampleOptions = {},
): Record<string, unknown> {
  const timestamp = now.toISOString();
  const mail = {
    timestamp,
    source: "Tidings <digest@tidings.localhost>",
    messageId: `local-${now.getTime().toString(36)}`,
    destination: [address],
    headersTruncated: false,
    commonHeaders: { to: [address], subject: "Sample message" },
    ...(digest ? { tags: { digest: [digest] } } : {}),
  };
  if (kind !== "complaint") {
    const hard = kind === "bounce";
    return {
      eventType: "Bounce",
      bounce: {
        bounceType: hard ? "Permanent" : "Transient",
        bounceSubType: hard ? "General" : "MailboxFull",
        bouncedRecipients: [
          hard
            ? {
                emailAddress: address,
                action: "failed",
                status: "5.1.1",
                diagnosticCode: "smtp; 550 5.1.1 user unknown",
              }
            : {
                emailAddress: address,
                action: "delayed",
                status: "4.2.2",
                diagnosticCode: "smtp; 452 4.2.2 mailbox full",
              },
        ],
        timestamp,
        feedbackId: `local-bounce-${now.getTime()}`,
        reportingMTA: "dsn; mta.example.com",
      },
      mail,
    };
  }
  return {
    eventType: "Complaint",
    complaint: {
      complainedRecipients: [{ emailAddress: address }],
      timestamp,
      feedbackId: `local-complaint-${now.getTime()}`,
      userAgent: "ExampleCorp Feedback Loop (V0.01)",
      complaintFeedbackType: "abuse",
      arrivalDate: timestamp,
    },
    mail,
  };
}
