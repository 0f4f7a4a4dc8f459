/**
 * The editors' email when a send pauses itself: plain, no template (the SES event handler sends
 * it, and carries no MJML), saying why and how to resume.
 */
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Context } from "../context.ts";
import { addressOf } from "./message.ts";

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

export async function tellEditorsOfPause(ctx: Context, week: string, reason: string): Promise<void> {
  const { adminEmails, sender, sesConfigurationSet } = ctx.config;
  if (adminEmails.length === 0) {
    ctx.log.error("send paused, and ADMIN_EMAILS names no editor to tell", { week, reason });
    return;
  }
  const text = [
    `Sending the digest of ${week} has paused itself: ${reason}.`,
    "",
    "Readers already sent are not affected; nobody else gets it until you resume. Bounces at this rate",
    "usually mean an old or bought list; complaints, readers who did not expect it. SES reviews an",
    "account at 5% bounces or 0.1% complaints and may stop it from sending altogether.",
    "",
    "When you have looked into it, resume (each reader still gets it at most once):",
    `  on AWS:   invoke the WeeklyDigest function with {"week": "${week}", "resume": true}`,
    `  locally:  npm run digest -- --week ${week} --resume`,
  ].join("\n");
  try {
    await ctx.ses.send(
      new SendEmailCommand({
        FromEmailAddress: sender,
        Destination: { ToAddresses: adminEmails },
        ReplyToAddresses: [addressOf(sender)],
        ...(sesConfigurationSet ? { ConfigurationSetName: sesConfigurationSet } : {}),
        Content: {
          Simple: {
            Subject: { Data: `Sending of ${week} paused: ${reason}`, Charset: "UTF-8" },
            Body: {
              Text: { Data: text, Charset: "UTF-8" },
              Html: {
                Data: `<pre style="font: 14px/1.5 sans-serif; white-space: pre-wrap">${escape(text)}</pre>`,
                Charset: "UTF-8",
              },
            },
          },
        },
      }),
    );
  } catch (error) {
    // The pause stands either way; the alarm on stopped sends (infra/alarms.ts) tells them too.
    ctx.log.error("send paused, but the editors' email could not be sent", { week, reason, error });
  }
}
