/**
 * Readers as the desk and the API show them: one shape for the list, the export and the reader's
 * page, with the dates that matter and where they came from — never a token, an id or a secret.
 */
import type { Context } from "../context.ts";
import { listSubscribers, type ListQuery } from "../store/subscriber-list.ts";
import { getSubscriber } from "../store/subscribers.ts";
import { eraseSubscriber } from "../subscription/erase.ts";
import { recordAction } from "./audit.ts";
import type { EmailAddress } from "../subscription/address.ts";
import {
  subscriberId,
  type Subscriber,
  type SubscriberSource,
  type SubscriberState,
} from "../subscription/subscriber.ts";

export interface ReaderView {
  email: string;
  state: SubscriberState;
  source: SubscriberSource;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  suppressedAt: string | null;
}

/** How a row came to be, for rows written before `source` existed too. */
export const sourceOf = (s: Subscriber): SubscriberSource => s.source ?? (s.consent?.form === "api" ? "api" : "form");

/** When the reader's subscription was confirmed: by their click, or by the editor's word on import. */
export const confirmedAt = (s: Subscriber): string | null =>
  s.confirmation?.at ?? (s.imported?.mode === "confirmed" && s.state !== "pending" ? s.imported.at : null);

export function readerView(s: Subscriber): ReaderView {
  return {
    email: s.email,
    // An erased reader has only four states outside: it can never be mailed, like a suppressed one.
    state: s.state === "erased" ? "suppressed" : s.state,
    source: sourceOf(s),
    createdAt: s.createdAt,
    confirmedAt: confirmedAt(s),
    unsubscribedAt: s.unsubscribedAt ?? null,
    suppressedAt: s.suppressedAt ?? s.erasedAt ?? null,
  };
}

/** A page of readers (GSI2), and the cursor of the next one. */
export async function findReaders(ctx: Context, query: ListQuery) {
  const page = await listSubscribers(ctx.db, query);
  return { readers: page.subscribers.map(readerView), next: page.next };
}

/** A reader's whole record (the reader's page), or undefined; an erased reader is not shown. */
export async function readerByAddress(ctx: Context, email: EmailAddress): Promise<Subscriber | undefined> {
  const s = await getSubscriber(ctx.db, await subscriberId(ctx, email));
  return s && s.state !== "erased" ? s : undefined;
}

/** Erases a reader from the desk or the API; the audit entry keeps no trace of who it was. */
export async function eraseReader(
  ctx: Context,
  email: EmailAddress,
  by: string,
  now: Date,
): Promise<"erased" | "not_found"> {
  const outcome = await eraseSubscriber(ctx, { email }, now);
  if (outcome === "erased")
    await recordAction(ctx, { by, action: "erase", detail: "one reader (address not kept)" }, now);
  return outcome;
}
