/**
 * The sign-in email leaves the request path, like the confirmation email: the request hands one
 * message to the outbox for every address (`signIn` is null for anyone who is not an editor), and
 * the consumer creates the link and mails it (ConfirmQueue on AWS; in-process under npm start).
 */
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { z } from "zod";
import { newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { renderMjml, renderText } from "../email/render.ts";
import { afterResponse, localQueue, type LocalQueue } from "../queue/local.ts";
import type { Consume } from "../queue/queue.ts";
import { sendEmailInput } from "../send/message.ts";
import { retrySes } from "../send/ses-errors.ts";
import { putSignInLink } from "../store/sign-in-links.ts";
import { isEditor } from "./editors.ts";
import { hashSecret, newSecret } from "./secret.ts";

export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

/** One per sign-in request: the editor to mail, or null when the address is no editor's. */
export const SignInMessage = z.object({ signIn: z.string().nullable() });
export type SignInMessage = z.infer<typeof SignInMessage>;

/** The sign-in email (sign-in.mjml / sign-in.txt on the shared layout), for one link. */
export async function signInEmail(values: { signInUrl: string; postalAddress: string }) {
  const subject = `Sign in to the desk of ${newsletter.name}`;
  const data = {
    title: subject,
    preview: "Your sign-in link: it works once and for 15 minutes.",
    newsletter: { name: newsletter.name, tagline: newsletter.tagline },
    header: { line: "Sign in to the editor's desk" },
    footer: {
      reason: `You are receiving this email because this address asked to sign in to the desk of ${newsletter.name}.`,
      postalAddress: values.postalAddress,
      unsubscribeUrl: null,
      browserUrl: null,
      subscribeUrl: null,
      archiveUrl: null,
    },
    signInUrl: values.signInUrl,
  };
  return { subject, html: await renderMjml("sign-in.mjml", data), text: await renderText("sign-in.txt", data) };
}

/** Creates a link for the editor a message names and mails it; nothing for a stranger's request. */
export async function deliverSignInLink(
  ctx: Context,
  message: SignInMessage,
  now: Date,
): Promise<"sent" | "not_editor"> {
  const editor = message.signIn;
  if (!editor || !isEditor(ctx.config, editor)) return "not_editor";
  const token = newSecret();
  await putSignInLink(ctx.db, hashSecret(token), {
    editor,
    createdAt: now.toISOString(),
    validUntil: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS).toISOString(),
  });
  const signInUrl = `${ctx.config.publicUrl}/admin/sign-in?token=${token}`;
  const email = await signInEmail({ signInUrl, postalAddress: ctx.config.postalAddress });
  const request = sendEmailInput(email, {
    from: ctx.config.sender,
    to: editor,
    unsubscribeUrl: null,
    configurationSet: ctx.config.sesConfigurationSet,
  });
  await retrySes(() => ctx.ses.send(new SendEmailCommand(request)), { attempts: 3, baseMs: 200, capMs: 2_000 });
  ctx.log.info("desk: sign-in link sent");
  return "sent";
}

export function signInConsumer(ctx: Context, now: () => Date = () => new Date()): Consume<SignInMessage> {
  return async (message) => {
    try {
      await deliverSignInLink(ctx, message, now());
    } catch (error) {
      // The editor sees no email and asks again; a retry could mail a second link much later.
      ctx.log.error("desk: the sign-in link could not be sent", { error });
    }
    return "done";
  };
}

/** The in-process outbox (npm start, tests): messages consumed after the response, never in its tick. */
export function localSignInOutbox(ctx: Context, now?: () => Date): LocalQueue<SignInMessage> {
  return afterResponse(
    localQueue(signInConsumer(ctx, now), {
      schema: SignInMessage,
      concurrency: 2,
      maxReceives: 1,
      retryDelayMs: 1_000,
      log: ctx.log,
    }),
  );
}
