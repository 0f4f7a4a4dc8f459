/**
 * Email addresses as the signup form accepts them.
 *
 * - Refused outright: anything with a control character (CR, LF, tab, NUL…), so no header or
 *   second recipient can ride along; more than 254 characters; a local part over 64.
 * - Syntax: an RFC 5322 dot-atom local part in ASCII (what browsers' `type=email` accepts, minus
 *   leading, trailing or doubled dots) and a domain of at least two LDH labels. Quoted local parts
 *   and non-ASCII local parts (SMTPUTF8) are refused: few mail systems deliver to them.
 * - Normalised: surrounding spaces trimmed; the domain lower-cased and, if written in Unicode,
 *   converted to its ASCII (punycode) form. The local part is kept as typed for delivery.
 * - Identity: two spellings that differ only in the case of the local part are one subscriber
 *   (`addressKey`), since nearly every mail system treats them as one mailbox and otherwise
 *   "Ann@x" and "ann@x" would be two subscriptions and two rate-limit buckets. Dots and
 *   `+tags` are kept: they are the reader's choice, and only some providers ignore them.
 */
import { domainToASCII } from "node:url";
import { z } from "zod";

export const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const localPart = new RegExp(`^${atom}(?:\\.${atom})*$`);
const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const topLabel = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** `domain` lower-cased and in ASCII, or undefined when it is not a usable host name. */
function asciiDomain(domain: string): string | undefined {
  const ascii = domainToASCII(domain.toLowerCase());
  if (!ascii || ascii.length > 253) return undefined;
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((l) => label.test(l))) return undefined;
  return topLabel.test(labels.at(-1)!) ? ascii : undefined;
}

/**
 * A normalised, deliverable-looking address. Parse untrusted input with `EmailAddress.safeParse`;
 * the error's first issue message is written for the person who typed it.
 *
 * @example EmailAddress.parse("  Ann.Lee@Example.COM ") // "Ann.Lee@example.com"
 */
export const EmailAddress = z
  .string({ error: "Enter your email address." })
  .refine((s) => !controlCharacter.test(s), {
    error: "An email address cannot contain line breaks or other control characters.",
    abort: true,
  })
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, { error: "Enter your email address.", abort: true })
  .refine((s) => s.length <= MAX_ADDRESS_LENGTH, {
    error: `An email address cannot be longer than ${MAX_ADDRESS_LENGTH} characters.`,
    abort: true,
  })
  .transform((s, ctx) => {
    const at = s.lastIndexOf("@");
    const local = s.slice(0, at);
    const domain = at > 0 ? asciiDomain(s.slice(at + 1)) : undefined;
    if (at <= 0 || !domain || local.length > MAX_LOCAL_LENGTH || !localPart.test(local)) {
      ctx.issues.push({
        code: "custom",
        input: s,
        message: "That does not look like an email address (for example: name@example.com).",
      });
      return z.NEVER;
    }
    const address = `${local}@${domain}`;
    if (address.length > MAX_ADDRESS_LENGTH) {
      ctx.issues.push({
        code: "custom",
        input: s,
        message: `An email address cannot be longer than ${MAX_ADDRESS_LENGTH} characters.`,
      });
      return z.NEVER;
    }
    return address;
  })
  .brand<"EmailAddress">();

export type EmailAddress = z.infer<typeof EmailAddress>;

/** The one spelling that identifies a subscriber: the whole address lower-cased. */
export function addressKey(address: EmailAddress): string {
  return address.toLowerCase();
}
