/**
 * The mailbox an address delivers to, as far as a stranger could vary the spelling and still
 * reach it: `+tags` dropped (most providers deliver `bomb+1@x` to `bomb@x`), the whole address
 * lower-cased, and Gmail's dots and its googlemail.com domain folded. Rate limits and the
 * confirmation budget key on it, so fifty spellings of one mailbox count as one. (The reader's
 * own spelling is still the one mailed and the one that identifies them: subscriber.ts.)
 */
import { createHmac } from "node:crypto";
import type { EmailAddress } from "./address.ts";
import { idKey, type Keyed } from "./id-key.ts";

const GMAIL = new Set(["gmail.com", "googlemail.com"]);

/** @example canonicalMailbox("B.O.M.B+1@GoogleMail.com") // "bomb@gmail.com" */
export function canonicalMailbox(address: EmailAddress | string): string {
  const at = address.lastIndexOf("@");
  let local = address.slice(0, at).toLowerCase().split("+")[0]!;
  let domain = address.slice(at + 1).toLowerCase();
  if (GMAIL.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return `${local || address.slice(0, at).toLowerCase()}@${domain}`;
}

/** The mailbox's key for counters: keyed like ids, so a counter row never shows the address. */
export async function mailboxKey(ctx: Keyed, address: EmailAddress): Promise<string> {
  return createHmac("sha256", await idKey(ctx))
    .update(`mailbox:${canonicalMailbox(address)}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}
