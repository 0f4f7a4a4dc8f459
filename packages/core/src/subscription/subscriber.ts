/** A subscriber: who they are to us, where they stand, and the consent that put them there. */
import type { EmailAddress } from "./address.ts";
import { idWithKey } from "./id.ts";
import { idKey, type Keyed } from "./id-key.ts";

export { SUBSCRIBER_ID_PREFIX, subscriberIdBytes } from "./id.ts";

/**
 * - pending: signed up, not yet confirmed (gets confirmation emails, nothing else);
 * - active: confirmed; gets every digest;
 * - unsubscribed: left; may sign up again (double opt-in again);
 * - suppressed: hard-bounced or complained; never mailed again;
 * - erased: the reader asked to be forgotten (GDPR art. 17): a tombstone with no address and no
 *   history (subscription/erase.ts), which only a signup of their own replaces.
 */
export type SubscriberState = "pending" | "active" | "unsubscribed" | "suppressed" | "erased";

/**
 * What a row may hold: the four states, or `erased` (GDPR art. 17: a tombstone at the reader's key
 * with no address and no history, so no import brings them back; shown as suppressed outside).
 */
export type StoredState = SubscriberState | "erased";

/** How a reader came: the signup form, the JSON API (`POST /subscribe` with JSON), or an editor's import. */
export type SubscriberSource = "form" | "api" | "import";

/** An editor's import: who brought the reader in, when, and on what consent. */
export interface ImportConsent {
  /** `confirmed`: the editor attests the reader consented already; `opt-in`: the reader confirms by email. */
  mode: "confirmed" | "opt-in";
  /** The editor's address. */
  by: string;
  at: string;
}

/** What a signup records, for the law and for us: when, from where, with what, on which form. */
export interface Consent {
  /** ISO-8601 UTC. */
  at: string;
  /** As the platform reported it (socket or Lambda request context). */
  clientAddress: string;
  userAgent: string;
  /** Which form the signup came from (`home`, `retry`, `api`…). */
  form: string;
}

/** The click on the confirmation link that turned the signup into a subscription. */
export interface Confirmation {
  at: string;
  clientAddress: string;
  userAgent: string;
}

export interface Subscriber {
  /** `sub_…`: opaque, derived from the address with a keyed hash; never shown to anyone. */
  id: string;
  /** Absent only on an erased reader's tombstone. */
  email: EmailAddress;
  state: StoredState;
  createdAt: string;
  /** Absent on rows written before it existed: `form`, unless `consent.form` says `api`. */
  source?: SubscriberSource;
  /** Set when an import brought the reader in (and cleared by a signup of their own). */
  imported?: ImportConsent;
  /** When the reader was erased (the tombstone's only date). */
  erasedAt?: string;
  updatedAt: string;
  /** The signup that asked for the latest confirmation email. */
  consent?: Consent;
  confirmation?: Confirmation;
  /** When the latest confirmation email was claimed for sending (at most one per 10 minutes). */
  confirmationSentAt?: string;
  /** Set by that claim until the outbox's consumer takes it to send the email. */
  confirmationDue?: string;
  unsubscribedAt?: string;
  suppressedAt?: string;
  /** "bounce" or "complaint", with SES's detail. */
  suppression?: { kind: "bounce" | "complaint"; detail: string };
  /** The themes the reader chose (names); absent: every theme (see subscription/preferences.ts). */
  themes?: string[];
  /** A change of address asked for and not yet confirmed from the new address (change-address.ts). */
  addressChange?: { email: EmailAddress; code: string; requestedAt: string };
  /** When the reader last moved to this address from another. */
  addressChangedAt?: string;
  /** The ids of the reader's earlier addresses, whose send records are still theirs. */
  previousIds?: string[];
  /**
   * Epoch seconds; only while pending: DynamoDB's TTL deletes a signup nobody confirmed (see
   * `PENDING_SIGNUP_TTL_MS`). Confirming, leaving or being suppressed removes it.
   */
  expiresAt?: number;
}

/**
 * The subscriber id of an address: the same for every spelling that `addressKey` folds together,
 * unguessable without the installation's id key (id-key.ts), so a leaked id does not reveal the
 * address, and unchanged when the token key rotates. Every id is computed here.
 *
 * @example const id = await subscriberId(ctx, EmailAddress.parse("reader@example.com"));
 */
export async function subscriberId(ctx: Keyed, address: EmailAddress): Promise<string> {
  return idWithKey(await idKey(ctx), address);
}
