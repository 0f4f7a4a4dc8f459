/** The double opt-in email: one link, valid 48 hours, HTML and text from the same values. */
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import type { EmailAddress } from "./address.ts";
import { confirmUrl } from "./links.ts";
import { renderMjmlTemplate, renderTextTemplate } from "./render.ts";

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

export async function confirmationEmail(values: { confirmUrl: string; postalAddress: string }): Promise<EmailContent> {
  const all = { ...values, newsletterName: newsletter.name };
  return {
    subject: `Confirm your subscription to ${newsletter.name}`,
    html: await renderMjmlTemplate("confirm.mjml", all),
    text: renderTextTemplate("confirm.txt", all),
  };
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
