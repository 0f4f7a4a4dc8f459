/**
 * Readers with a history, for the desk's screenshots: signups spread over the last six months
 * (more each month), confirmed a day later, a few leaving and a couple bouncing, all through the
 * store's own state changes, so the counters and the chart are what the app itself kept.
 */
import { mapLimit } from "@tidings/core/async/map-limit";
import type { Context } from "@tidings/core/context";
import { claimConfirmation } from "@tidings/core/store/signup-claims";
import { activateSubscriber, suppressSubscriber, unsubscribeSubscriber } from "@tidings/core/store/subscriber-state";
import { EmailAddress } from "@tidings/core/subscription/address";
import { subscriberId } from "@tidings/core/subscription/subscriber";

const DAY = 86_400_000;
const names = ["ada", "ben", "chen", "dara", "eli", "fatima", "gus", "hana", "ivan", "jo", "kai", "lena", "mo", "noor"];

export async function seedReaderHistory(ctx: Context, now: Date, count = 240): Promise<void> {
  const readers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const email = EmailAddress.parse(`${names[i % names.length]}.${i}@example.com`);
      // Growth: later readers come faster (square root spreads them towards now).
      const joined = new Date(now.getTime() - 180 * DAY * (1 - Math.sqrt(i / count)) - DAY);
      return { i, email, id: await subscriberId(ctx, email), joined };
    }),
  );
  await mapLimit(readers, 8, async ({ i, email, id, joined }) => {
    const consent = { at: joined.toISOString(), clientAddress: "198.51.100.7", userAgent: "Mozilla/5.0", form: "home" };
    await claimConfirmation(ctx.db, { id, email, consent, now: joined, resendAfterMs: 0, expiresAfterMs: 400 * DAY });
    if (i % 23 === 5) return; // never confirmed
    const confirmed = new Date(joined.getTime() + DAY / 3);
    await activateSubscriber(ctx.db, id, {
      at: confirmed.toISOString(),
      clientAddress: "198.51.100.7",
      userAgent: "Mozilla/5.0",
    });
    if (i % 11 === 3) await unsubscribeSubscriber(ctx.db, id, new Date(confirmed.getTime() + 20 * DAY));
    if (i % 61 === 7)
      await suppressSubscriber(ctx.db, {
        id,
        email,
        kind: "bounce",
        detail: "Permanent/General",
        now: new Date(confirmed.getTime() + 9 * DAY),
      });
  });
}
