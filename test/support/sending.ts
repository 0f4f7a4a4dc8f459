/** Subscribers and a stored digest for delivery tests and the send benchmark. */
import { renderDigest } from "@tidings/core/digest/email";
import { mapLimit } from "@tidings/core/async/map-limit";
import type { Context } from "@tidings/core/context";
import type { Db } from "@tidings/core/store/db";
import { putDigest, type Digest } from "@tidings/core/store/digests";
import { claimConfirmation } from "@tidings/core/store/signup-claims";
import { activateSubscriber, suppressSubscriber, unsubscribeSubscriber } from "@tidings/core/store/subscriber-state";
import { EmailAddress } from "@tidings/core/subscription/address";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { weekRange } from "@tidings/core/digest/week";
import { digestInput, seedItems } from "./digests.ts";

export type Fate = "active" | "pending" | "unsubscribed" | "suppressed";

export interface Reader {
  id: string;
  email: EmailAddress;
  fate: Fate;
}

const when = new Date("2026-05-01T09:00:00Z");

/** Signs up `count` readers `<prefix>N@example.com` through the store and leaves them in `fate`. */
export async function addReaders(
  ctx: Pick<Context, "db" | "config">,
  count: number,
  prefix: string,
  fate: Fate = "active",
) {
  const { db } = ctx;
  const readers: Reader[] = await mapLimit([...Array(count).keys()], 16, async (i) => {
    const email = EmailAddress.parse(`${prefix}${i}@example.com`);
    return { id: await subscriberId(ctx, email), email, fate };
  });
  await mapLimit(readers, 16, async ({ id, email }) => {
    const consent = { at: when.toISOString(), clientAddress: "203.0.113.9", userAgent: "test", form: "home" };
    await claimConfirmation(db, { id, email, consent, now: when, resendAfterMs: 0, expiresAfterMs: 86_400_000 });
    if (fate === "pending") return;
    await activateSubscriber(db, id, { at: when.toISOString(), clientAddress: "203.0.113.9", userAgent: "test" });
    if (fate === "unsubscribed") await unsubscribeSubscriber(db, id, when);
    if (fate === "suppressed") await suppressSubscriber(db, { id, email, now: when, kind: "bounce", detail: "test" });
  });
  return readers;
}

/**
 * A real 30-item digest (the seed feed's stories, rendered with the real templates), stored in
 * parts as builds store it; `legacy`: whole, as digests built before readers chose themes were.
 */
export async function storeDigest(db: Db, week = "2026-W20", { legacy = false } = {}): Promise<Digest> {
  const input = digestInput(seedItems(30), { range: weekRange(week, "UTC") });
  const rendered = await renderDigest(input);
  const digest: Digest = {
    week,
    firstDay: input.range.firstDay,
    lastDay: input.range.lastDay,
    timeZone: "UTC",
    subject: rendered.subject,
    itemCount: 30,
    createdAt: when.toISOString(),
    html: rendered.html,
    text: rendered.text,
    ...(legacy ? {} : { parts: rendered.parts }),
    webHtml: rendered.webHtml,
    sections: [],
    status: "approved",
    revision: 0,
  };
  await putDigest(db, digest);
  return digest;
}
