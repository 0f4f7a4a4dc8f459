/** The double opt-in email: one link, valid 48 hours, HTML and text from the same data. */
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { renderMjml, renderText } from "../email/render.ts";
import type { EmailAddress } from "./address.ts";
import { confirmUrl } from "./links.ts";

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/** `confirm.mjml` and `confirm.txt`, on the shared layout (templates/README.md). */
export async function confirmationEmail(values: { confirmUrl: string; postalAddress: string }): Promise<EmailContent> {
  const subject = `Confirm your subscription to ${newsletter.name}`;
  const data = {
    title: subject,
    preview: `One click to start receiving ${newsletter.name}. The link is valid for 48 hours.`,
    newsletter: { name: newsletter.name, tagline: newsletter.tagline },
    header: { line: "Confirm your subscription" },
    footer: {
      reason: `You are receiving this one email because this address was entered on the signup form of ${newsletter.name}.`,
      postalAddress: values.postalAddress,
      unsubscribeUrl: null,
      browserUrl: null,
      subscribeUrl: null,
      archiveUrl: null,
    },
    confirmUrl: values.confirmUrl,
  };
  return { subject, html: await renderMjml("confirm.mjml", data), text: renderText("confirm.txt", data) };
}

/** Renders and sends the confirmation email to one (validated) address through SES v2. */
export async function sendConfirmation(ctx: Context, to: { id: string; email: EmailAddress }, now: Date) {
  const email = await confirmationEmail({
    confirmUrl: confirmUrl(ctx.config, to, now),
    postalAddress: ctx.config.postalAddress,
  });
  await ctx.ses.send(
    new SendEmailCommand({
      FromEmailAddress: ctx.config.sender,
      Destination: { ToAddresses: [to.email] },
      ConfigurationSetName: ctx.config.sesConfigurationSet,
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: "UTF-8" },
          Body: { Html: { Data: email.html, Charset: "UTF-8" }, Text: { Data: email.text, Charset: "UTF-8" } },
        },
      },
    }),
  );
}
