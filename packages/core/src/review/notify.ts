/**
 * Emails to the editors (ADMIN_EMAILS) about a digest under review: a draft to look at, or a
 * draft the next week's job found unapproved and sent or skipped. One message per editor, with a
 * link to the draft in the desk (desk-notice.mjml / .txt on the shared layout).
 */
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { renderMjml, renderText } from "../email/render.ts";
import { sendEmailInput } from "../send/message.ts";
import { retrySes } from "../send/ses-errors.ts";

export interface DeskNotice {
  subject: string;
  /** The header's line, e.g. "A draft to review". */
  heading: string;
  paragraphs: string[];
  action: { url: string; label: string };
}

/** The desk's page of a week's digest. */
export const reviewUrl = (ctx: Context, week: string) => `${ctx.config.publicUrl}/admin/digests/${week}`;

export async function deskNoticeEmail(ctx: Context, notice: DeskNotice) {
  const data = {
    title: notice.subject,
    preview: notice.paragraphs[0] ?? notice.subject,
    newsletter: { name: newsletter.name, tagline: newsletter.tagline },
    header: { line: notice.heading },
    footer: {
      reason: `You are receiving this email because you are an editor of ${newsletter.name}.`,
      postalAddress: ctx.config.postalAddress,
      preferencesUrl: null,
      unsubscribeUrl: null,
      browserUrl: null,
      subscribeUrl: null,
      archiveUrl: null,
    },
    paragraphs: notice.paragraphs,
    action: notice.action,
  };
  return {
    subject: notice.subject,
    html: await renderMjml("desk-notice.mjml", data),
    text: await renderText("desk-notice.txt", data),
  };
}

/**
 * Mails the notice to every editor; returns how many got it. One editor's failure does not stop
 * the others' (it is logged).
 *
 * @example await tellEditors(ctx, { subject: "Draft ready", heading: "…", paragraphs: ["…"], action: { url, label: "Review it" } })
 */
export async function tellEditors(ctx: Context, notice: DeskNotice): Promise<number> {
  if (ctx.config.adminEmails.length === 0) {
    ctx.log.warn("review: no editor to tell (ADMIN_EMAILS is empty)", { subject: notice.subject });
    return 0;
  }
  const email = await deskNoticeEmail(ctx, notice);
  let told = 0;
  for (const to of ctx.config.adminEmails) {
    const request = sendEmailInput(email, {
      from: ctx.config.sender,
      to,
      unsubscribeUrl: null,
      configurationSet: ctx.config.sesConfigurationSet,
    });
    try {
      await retrySes(() => ctx.ses.send(new SendEmailCommand(request)), { attempts: 3, baseMs: 200, capMs: 2_000 });
      told++;
    } catch (error) {
      ctx.log.error("review: an editor could not be told", { subject: notice.subject, error });
    }
  }
  return told;
}
