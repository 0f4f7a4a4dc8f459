/** Every editor action, recorded with who and when (store/audit.ts) and listed in the desk. */
import type { Context } from "../context.ts";
import { listAuditEntries, putAuditEntry, type AuditEntry } from "../store/audit.ts";

export type { AuditEntry };

/**
 * Records an action. `detail` must never hold an erased reader's address.
 *
 * @example await recordAction(ctx, { by: editor, action: "import", detail: "120 imported (confirmed)" }, now)
 */
export async function recordAction(ctx: Context, entry: Omit<AuditEntry, "at">, now: Date): Promise<void> {
  await putAuditEntry(ctx.db, { ...entry, at: now.toISOString() });
  ctx.log.info("desk: editor action", { by: entry.by, action: entry.action });
}

/** The newest actions first. */
export const recentActions = (ctx: Context, now: Date, limit = 100) => listAuditEntries(ctx.db, now, { limit });
