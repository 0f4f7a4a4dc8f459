/**
 * A reader moves to a new address from their preference center. The new address must confirm
 * before it replaces the old one: the link goes to the new address only, carries a change-address
 * token (48 hours) naming the reader and a random code stored with the request, so only the
 * newest request's email can complete it. The move itself: store/subscriber-move.ts.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { personalise, placeholders, type EmailParts } from "../email/personalise.ts";
import { renderMjml, renderText } from "../email/render.ts";
import { TidingsError } from "../error.ts";
import { memoizeAsync } from "../memo.ts";
import { sendEmailInput } from "../send/message.ts";
import { retrySes } from "../send/ses-errors.ts";
import { askAddressChange, dropAddressChange, moveSubscriber, type AddressChange } from "../store/subscriber-move.ts";
import { getSubscriber } from "../store/subscribers.ts";
import { addressKey, type EmailAddress } from "./address.ts";
import { subscriberId, type Confirmation, type Subscriber } from "./subscriber.ts";
import { issueToken, verifyToken } from "./token.ts";

/** A reader may ask for another change-of-address email this long after the last. */
export const ADDRESS_CHANGE_RESEND_AFTER_MS = 10 * 60_000;

/** `change-address.mjml`/`.txt` with `{{confirm_url}}` for the link: rendered once per postal address. */
const changeAddressTemplate = memoizeAsync(async (postalAddress: string): Promise<EmailParts> => {
  const subject = `Confirm your new address for ${newsletter.name}`;
  const data = {
    title: subject,
    preview: `One click to receive ${newsletter.name} here from now on. The link is valid for 48 hours.`,
    newsletter: { name: newsletter.name, tagline: newsletter.tagline },
    header: { line: "Confirm your new address" },
    footer: {
      reason: `You are receiving this one email because a reader of ${newsletter.name} asked to move their subscription to this address.`,
      postalAddress,
      preferencesUrl: null,
      unsubscribeUrl: null,
      browserUrl: null,
      subscribeUrl: null,
      archiveUrl: null,
    },
    confirmUrl: placeholders.confirmUrl,
  };
  return {
    subject,
    html: await renderMjml("change-address.mjml", data),
    text: await renderText("change-address.txt", data),
  };
});

const notActive = () =>
  new TidingsError(
    "forbidden",
    "preferences.not_active",
    "This subscription is not active any more, so its address cannot be changed. Sign up with the new address instead.",
  );

/**
 * Records the request on the reader's row and emails the new address its confirmation link.
 * Throws `preferences.same_address`, `preferences.not_active` or `preferences.change_too_soon`.
 */
export async function requestAddressChange(ctx: Context, id: string, to: EmailAddress, now: Date): Promise<void> {
  const reader = await getSubscriber(ctx.db, id);
  if (!reader || reader.state !== "active") throw notActive();
  if (addressKey(to) === addressKey(reader.email)) {
    throw new TidingsError(
      "invalid",
      "preferences.same_address",
      "That is the address the newsletter goes to already.",
    );
  }
  const change: AddressChange = {
    email: to,
    code: randomBytes(16).toString("base64url"),
    requestedAt: now.toISOString(),
  };
  if (!(await askAddressChange(ctx.db, id, change, ADDRESS_CHANGE_RESEND_AFTER_MS))) {
    throw new TidingsError(
      "rate_limited",
      "preferences.change_too_soon",
      "We sent a confirmation to a new address a few minutes ago. Open the link in that email, or ask again in 10 minutes.",
      { data: { retryAfterSeconds: ADDRESS_CHANGE_RESEND_AFTER_MS / 1000 } },
    );
  }
  const token = issueToken(ctx.config, "change-address", id, now);
  const confirmUrl = `${ctx.config.publicUrl}/preferences/address/confirm?token=${token}&code=${change.code}`;
  const email = personalise(await changeAddressTemplate(ctx.config.postalAddress), { confirmUrl });
  const input = sendEmailInput(email, {
    from: ctx.config.sender,
    to,
    unsubscribeUrl: null,
    configurationSet: ctx.config.sesConfigurationSet,
  });
  try {
    await retrySes(() => ctx.ses.send(new SendEmailCommand(input)), { attempts: 3, baseMs: 200, capMs: 2_000 });
  } catch (error) {
    await dropAddressChange(ctx.db, id, change.code); // the reader may ask again at once
    throw new TidingsError(
      "unavailable",
      "preferences.email_failed",
      "The email could not be sent. Please try again.",
      {
        cause: error,
      },
    );
  }
  ctx.log.info("preferences: change of address asked", { subscriber: id });
}

const unusable = () =>
  new TidingsError(
    "forbidden",
    "preferences.change_invalid",
    "This link no longer works: the change may have been made already, or a newer request replaced it. Open the preference center from your newest email.",
  );

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The reader and request a change-address link stands for, checked (the GET page; changes nothing). */
export async function pendingAddressChange(
  ctx: Context,
  token: string,
  code: string,
  now: Date,
): Promise<Subscriber & { addressChange: AddressChange }> {
  const id = verifyToken(ctx.config, "change-address", token, now);
  const reader = await getSubscriber(ctx.db, id);
  if (!reader?.addressChange || !sameCode(reader.addressChange.code, code)) throw unusable();
  if (reader.state !== "active") throw notActive();
  return reader as Subscriber & { addressChange: AddressChange };
}

/**
 * Moves the reader to the confirmed new address; returns the new subscriber id. Throws
 * `preferences.address_taken` when that address is subscribed already or cannot be mailed.
 */
export async function confirmAddressChange(
  ctx: Context,
  token: string,
  code: string,
  who: Omit<Confirmation, "at">,
  now: Date,
): Promise<{ id: string; email: EmailAddress }> {
  const reader = await pendingAddressChange(ctx, token, code, now);
  const to = { id: await subscriberId(ctx, reader.addressChange.email) };
  const outcome = await moveSubscriber(ctx.db, reader, to, { ...who, at: now.toISOString() });
  if (outcome === "taken") {
    throw new TidingsError(
      "invalid",
      "preferences.address_taken",
      "That address already receives the newsletter, or cannot be mailed. Your subscription stays at the old address.",
    );
  }
  ctx.log.info("preferences: address changed", { from: reader.id, to: to.id });
  return { id: to.id, email: reader.addressChange.email };
}
