/**
 * The reader's side of the preference center: who a preferences link names, saving their themes,
 * and everything we hold about them (their data, as a download). The change of address and the
 * erasure live in change-address.ts and erase.ts.
 */
import type { Context } from "../context.ts";
import { TidingsError } from "../error.ts";
import { batchGet } from "../store/batch.ts";
import { listDigests } from "../store/digests.ts";
import { sendKeys } from "../store/keys.ts";
import { saveThemes } from "../store/subscriber-themes.ts";
import { getSubscriber } from "../store/subscribers.ts";
import { themesToStore, tickedThemes } from "./preferences.ts";
import type { Subscriber } from "./subscriber.ts";
import { verifyToken } from "./token.ts";

const gone = () =>
  new TidingsError(
    "forbidden",
    "preferences.gone",
    "This link no longer works: the subscription it belongs to was deleted or moved to another address. The preference center link in your newest email works.",
  );

/** The reader a preferences link names. Throws token errors, or `preferences.gone`. */
export async function preferencesReader(ctx: Context, token: string, now: Date): Promise<Subscriber> {
  const id = verifyToken(ctx.config, "preferences", token, now);
  const reader = await getSubscriber(ctx.db, id);
  if (!reader || reader.state === "erased") throw gone();
  return reader;
}

/**
 * Saves the themes ticked on the form (`preferences.no_theme` when none); returns the reader's
 * themes as now stored, in file order.
 */
export async function savePreferences(
  ctx: Context,
  token: string,
  ticked: readonly string[],
  known: readonly string[],
  now: Date,
): Promise<string[]> {
  const reader = await preferencesReader(ctx, token, now);
  const themes = themesToStore(ticked, known);
  if (!(await saveThemes(ctx.db, reader.id, themes, now))) throw gone();
  ctx.log.info("preferences saved", { subscriber: reader.id, themes: themes?.length ?? "all" });
  return tickedThemes(themes, known);
}

/** What the download holds: every fact we keep about the reader, and the issues sent to them. */
export interface ReaderData {
  email: string;
  state: Subscriber["state"];
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  suppressedAt: string | null;
  addressChangedAt: string | null;
  updatedAt: string;
  consent: Subscriber["consent"] | null;
  confirmation: Subscriber["confirmation"] | null;
  suppression: Subscriber["suppression"] | null;
  themes: string[];
  digestsSent: { week: string; subject: string; sentAt: string }[];
}

/** The reader's data (GET /preferences/data): the row, their chosen themes and every issue sent to them. */
export async function readerData(ctx: Context, reader: Subscriber, known: readonly string[]): Promise<ReaderData> {
  const digests = await listDigests(ctx.db);
  const ids = [reader.id, ...(reader.previousIds ?? [])];
  const sends = await batchGet(
    ctx.db,
    digests.flatMap((d) => ids.map((id) => sendKeys.key(d.week, id))),
    ["week", "status", "finishedAt"],
  );
  const sentAt = new Map(
    sends.filter((s) => s.status === "sent").map((s) => [s.week as string, new Date(s.finishedAt as number)]),
  );
  return {
    email: reader.email,
    state: reader.state,
    createdAt: reader.createdAt,
    confirmedAt: reader.confirmation?.at ?? null,
    unsubscribedAt: reader.unsubscribedAt ?? null,
    suppressedAt: reader.suppressedAt ?? null,
    addressChangedAt: reader.addressChangedAt ?? null,
    updatedAt: reader.updatedAt,
    consent: reader.consent ?? null,
    confirmation: reader.confirmation ?? null,
    suppression: reader.suppression ?? null,
    themes: tickedThemes(reader.themes, known),
    digestsSent: digests
      .filter((d) => sentAt.has(d.week))
      .map((d) => ({ week: d.week, subject: d.subject, sentAt: sentAt.get(d.week)!.toISOString() })),
  };
}
