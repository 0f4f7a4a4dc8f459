/**
 * The double opt-in email: one link, valid 48 hours, HTML and text from the same data. Rendered
 * once per process with a placeholder for the link (MJML takes tens of milliseconds; filling
 * the placeholder takes microseconds), then personalised per reader.
 */
import type { SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import { newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { memoizeAsync } from "../memo.ts";
import { personalise, placeholders, type EmailParts } from "../email/personalise.ts";
import { renderMjml, renderText } from "../email/render.ts";
import { sendEmailInput } from "../send/message.ts";
import type { EmailAddress } from "./address.ts";
import { confirmUrl } from "./links.ts";

/** `confirm.mjml` and `confirm.txt`, on the shared layout (templates/README.md), with the link given. */
export async function confirmationEmail(values: { confirmUrl: string; postalAddress: string }): Promise<EmailParts> {
  const subject = `Confirm your subscription to ${newsletter.name}`;
  const data = {
    title: subject,
    preview: `One click to start receiving ${newsletter.name}. The link is valid for 48 hours.`,
    newsletter: { name: newsletter.name, tagline: newsletter.tagline },
    header: { line: "Confirm your subscription" },
    footer: {
      reason: `You are receiving this one email because this address was entered on the signup form of ${newsletter.name}.`,
      postalAddress: values.postalAddress,
      preferencesUrl: null,
      unsubscribeUrl: null,
      browserUrl: null,
      subscribeUrl: null,
      archiveUrl: null,
    },
    confirmUrl: values.confirmUrl,
  };
  return { subject, html: await renderMjml("confirm.mjml", data), text: await renderText("confirm.txt", data) };
}

/** The confirmation email with `{{confirm_url}}` for the link: rendered once per postal address. */
export const confirmationTemplate = memoizeAsync((postalAddress: string) =>
  confirmationEmail({ confirmUrl: placeholders.confirmUrl, postalAddress }),
);

/** The SES v2 request for one (validated) address's confirmation email; no list headers. */
export async function confirmationRequest(
  ctx: Context,
  to: { id: string; email: EmailAddress },
  now: Date,
): Promise<SendEmailCommandInput> {
  const { config } = ctx;
  const email = personalise(await confirmationTemplate(config.postalAddress), {
    confirmUrl: confirmUrl(config, to, now),
  });
  return sendEmailInput(email, {
    from: config.sender,
    to: to.email,
    unsubscribeUrl: null,
    configurationSet: config.sesConfigurationSet,
  });
}
