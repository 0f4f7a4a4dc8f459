/**
 * One test copy of a digest to any address, "[TEST]" in the subject, outside the send records:
 * it neither counts as the reader's copy nor stops the real one.
 */
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Context } from "../context.ts";
import { readerCopy } from "../digest/reader-copy.ts";
import { TidingsError } from "../error.ts";
import { getDigest } from "../store/digests.ts";
import { EmailAddress } from "../subscription/address.ts";
import { readerLinks } from "../subscription/links.ts";
import { subscriberId } from "../subscription/subscriber.ts";
import { addressOf, sendEmailInput } from "./message.ts";

export async function sendTestCopy(ctx: Context, week: string, to: string): Promise<string> {
  const address = EmailAddress.safeParse(to);
  if (!address.success) throw new TidingsError("invalid", "send.bad_address", `not a usable email address: ${to}`);
  const digest = await getDigest(ctx.db, week);
  if (!digest) throw new TidingsError("not_found", "send.no_digest", `there is no digest of ${week}: build it first`);
  // The links a subscriber with this address would get: they work if they are one. Every theme.
  const links = readerLinks(ctx.config, { id: await subscriberId(ctx, address.data) });
  const mail = readerCopy(digest, "all", links)!;
  const input = sendEmailInput(
    { ...mail, subject: `[TEST] ${mail.subject}` },
    {
      from: ctx.config.sender,
      to: address.data,
      unsubscribeUrl: links.unsubscribeUrl,
      unsubscribeMailto: addressOf(ctx.config.sender),
    },
  );
  const { MessageId = "" } = await ctx.ses.send(new SendEmailCommand(input));
  return MessageId;
}
