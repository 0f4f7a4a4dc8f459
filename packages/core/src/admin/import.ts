/**
 * Importing readers from a CSV (a header row with an `email` column; other columns are ignored),
 * in one of two consent modes: `confirmed` (the editor attests the readers consented; they are
 * active at once, and that attestation is recorded) or `opt-in` (each new reader is pending and
 * gets the confirmation email, through the same outbox as a signup, at its pace).
 *
 * An import never re-activates anyone who left: an unsubscribed, suppressed or erased address is
 * skipped. Duplicates count once (addresses compare without regard to case); invalid rows are
 * reported with their line and reason. Importing the same file again changes nothing: everyone in
 * it is then already subscribed (or skipped as before). Existing rows are read 100 at a time
 * (BatchGetItem); every write is conditional, so a signup or an unsubscribe meanwhile wins.
 */
import type { Context } from "../context.ts";
import { mapLimit } from "../async/map-limit.ts";
import { weekOf } from "../digest/week.ts";
import { TidingsError } from "../error.ts";
import type { Queue } from "../queue/queue.ts";
import { batchGet } from "../store/batch.ts";
import { subscriberKeys } from "../store/keys.ts";
import { addReaderCounts } from "../store/reader-counts.ts";
import { activateImported, putNewSubscriber } from "../store/subscriber-import.ts";
import { addressKey, EmailAddress } from "../subscription/address.ts";
import type { ConfirmationMessage } from "../subscription/confirmation-outbox.ts";
import { PENDING_SIGNUP_TTL_MS } from "../subscription/limits.ts";
import { subscriberId, type ImportConsent, type Subscriber } from "../subscription/subscriber.ts";
import { recordAction } from "./audit.ts";
import { parseCsv, unsafeCell } from "./csv.ts";

export type ConsentMode = ImportConsent["mode"];

/** The answer of `POST /api/v1/subscribers/import` (DESIGN.md). */
export interface ImportReport {
  imported: number;
  alreadySubscribed: number;
  skipped: { unsubscribed: number; suppressed: number; duplicate: number };
  invalid: { line: number; reason: string }[];
}

export interface ImportOptions {
  mode: ConsentMode;
  /** The editor's address, or `api-key:<name>`. */
  by: string;
  /** Where the request came from (recorded with each reader's consent). */
  clientAddress: string;
  now: Date;
}

interface Candidate {
  id: string;
  email: EmailAddress;
}

/** The valid, distinct addresses of a CSV, and what was wrong with the rest. */
function readAddresses(csv: string, report: ImportReport): EmailAddress[] {
  const { records, broken } = parseCsv(csv);
  report.invalid.push(...broken);
  const [header, ...rows] = records;
  const column = header?.cells.findIndex((c) => c.trim().toLowerCase() === "email") ?? -1;
  if (!header || column < 0) {
    throw new TidingsError(
      "invalid",
      "admin.import_no_email_column",
      "The CSV needs a header row with an `email` column.",
    );
  }
  const seen = new Set<string>();
  const out: EmailAddress[] = [];
  for (const { line, cells } of rows) {
    const parsed = EmailAddress.safeParse(unsafeCell(cells[column] ?? ""));
    if (!parsed.success) {
      report.invalid.push({ line, reason: parsed.error.issues[0]?.message ?? "not an email address" });
      continue;
    }
    const key = addressKey(parsed.data);
    if (seen.has(key)) report.skipped.duplicate++;
    else (seen.add(key), out.push(parsed.data));
  }
  return out;
}

type Outcome = "imported" | "already" | "unsubscribed" | "suppressed";

/** What an import does to one reader, given the state their row has (if any). */
async function importOne(
  ctx: Context,
  reader: Candidate,
  state: string | undefined,
  o: ImportOptions,
): Promise<Outcome> {
  if (state === "unsubscribed") return "unsubscribed";
  if (state === "suppressed" || state === "erased") return "suppressed";
  if (state === "active" || (state === "pending" && o.mode === "opt-in")) return "already";
  const imported: ImportConsent = { mode: o.mode, by: o.by, at: o.now.toISOString() };
  if (state === "pending") return (await activateImported(ctx.db, reader.id, imported)) ? "imported" : "already";
  const at = o.now.toISOString();
  const subscriber: Subscriber = {
    id: reader.id,
    email: reader.email,
    state: o.mode === "confirmed" ? "active" : "pending",
    createdAt: at,
    updatedAt: at,
    source: "import",
    imported,
    consent: { at, clientAddress: o.clientAddress, userAgent: `import by ${o.by}`, form: "import" },
    ...(o.mode === "opt-in"
      ? {
          confirmationSentAt: at,
          confirmationDue: at,
          expiresAt: Math.floor((o.now.getTime() + PENDING_SIGNUP_TTL_MS) / 1000),
        }
      : {}),
  };
  return (await putNewSubscriber(ctx.db, subscriber)) ? "imported" : "already";
}

/**
 * Imports a CSV. Throws `admin.import_no_email_column` when there is no `email` header.
 *
 * @example const report = await importSubscribers(ctx, outbox, csv, { mode: "confirmed", by, clientAddress, now })
 */
export async function importSubscribers(
  ctx: Context,
  outbox: Queue<ConfirmationMessage>,
  csv: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    imported: 0,
    alreadySubscribed: 0,
    skipped: { unsubscribed: 0, suppressed: 0, duplicate: 0 },
    invalid: [],
  };
  const readers: Candidate[] = await Promise.all(
    readAddresses(csv, report).map(async (email) => ({ email, id: await subscriberId(ctx, email) })),
  );
  for (let i = 0; i < readers.length; i += 100) {
    const chunk = readers.slice(i, i + 100);
    const rows = await batchGet(
      ctx.db,
      chunk.map((r) => subscriberKeys.key(r.id)),
      ["id", "state"],
      { consistent: true },
    );
    const states = new Map(rows.map((row) => [row.id as string, row.state as string]));
    const outcomes = await mapLimit(chunk, 16, (r) => importOne(ctx, r, states.get(r.id), options));
    const imported = chunk.filter((_, n) => outcomes[n] === "imported");
    report.imported += imported.length;
    report.alreadySubscribed += outcomes.filter((o) => o === "already").length;
    report.skipped.unsubscribed += outcomes.filter((o) => o === "unsubscribed").length;
    report.skipped.suppressed += outcomes.filter((o) => o === "suppressed").length;
    // Confirmation emails leave through the outbox, paced like signups' (ConfirmQueue on AWS).
    if (options.mode === "opt-in" && imported.length)
      await outbox.enqueue(imported.map((r) => ({ subscriberId: r.id })));
  }
  report.invalid.sort((a, b) => a.line - b.line);
  if (options.mode === "confirmed")
    await addReaderCounts(ctx.db, weekOf(options.now, "UTC"), { active: report.imported });
  const detail = `${report.imported} imported (${options.mode}), ${report.alreadySubscribed} already subscribed, ${report.skipped.unsubscribed + report.skipped.suppressed} skipped, ${report.invalid.length} invalid`;
  await recordAction(ctx, { by: options.by, action: "import", detail }, options.now);
  return report;
}
