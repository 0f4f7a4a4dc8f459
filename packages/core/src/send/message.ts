/**
 * The SES v2 SendEmail request for one reader: simple content plus, on list mail, the RFC 8058
 * headers. Every email Tidings sends is built here (digests, test copies, confirmations).
 */
import type { SendEmailCommandInput } from "@aws-sdk/client-sesv2";

export interface Personalised {
  subject: string;
  html: string;
  text: string;
}

export interface MessageOptions {
  from: string;
  to: string;
  /**
   * The reader's personal one-click unsubscribe URL (https on AWS); null for a message that is
   * not list mail (the double opt-in email: nobody is subscribed yet), which gets no
   * List-Unsubscribe headers.
   */
  unsubscribeUrl: string | null;
  /** Where a mail client may send an unsubscribe request by email. */
  unsubscribeMailto?: string | undefined;
  configurationSet?: string | undefined;
  /** SES message tags, e.g. the digest week, for the bounce and complaint events. */
  tags?: Record<string, string>;
}

/** The address part of `Name <address>` (or the string itself). */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

function listHeaders(o: MessageOptions) {
  if (o.unsubscribeUrl === null) return {};
  const listUnsubscribe = [`<${o.unsubscribeUrl}>`];
  if (o.unsubscribeMailto) listUnsubscribe.push(`<mailto:${o.unsubscribeMailto}?subject=unsubscribe>`);
  return {
    Headers: [
      { Name: "List-Unsubscribe", Value: listUnsubscribe.join(", ") },
      { Name: "List-Unsubscribe-Post", Value: "List-Unsubscribe=One-Click" },
    ],
  };
}

export function sendEmailInput(content: Personalised, o: MessageOptions): SendEmailCommandInput {
  return {
    FromEmailAddress: o.from,
    ReplyToAddresses: [addressOf(o.from)],
    Destination: { ToAddresses: [o.to] },
    ...(o.configurationSet ? { ConfigurationSetName: o.configurationSet } : {}),
    ...(o.tags ? { EmailTags: Object.entries(o.tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
    Content: {
      Simple: {
        Subject: { Data: content.subject, Charset: "UTF-8" },
        Body: {
          Html: { Data: content.html, Charset: "UTF-8" },
          Text: { Data: content.text, Charset: "UTF-8" },
        },
        ...listHeaders(o),
      },
    },
  };
}
