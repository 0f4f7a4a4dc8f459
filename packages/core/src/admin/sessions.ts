/**
 * Editors' sessions: a random 256-bit token in the cookie, its SHA-256 in the table
 * (store/sessions.ts), 12 hours, ended by signing out, by "sign out everywhere", or by the editor
 * leaving ADMIN_EMAILS. Each session carries its own CSRF token.
 */
import type { Context } from "../context.ts";
import { deleteSession, deleteSessionsOf, getSession, putSession, type Session } from "../store/sessions.ts";
import { isEditor } from "./editors.ts";
import { hashSecret, isSecretShaped, newSecret } from "./secret.ts";

export type { Session };

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Who {
  clientAddress: string;
  userAgent: string;
}

/** A new session for an editor: the token goes in the cookie and nowhere else. */
export async function startSession(
  ctx: Context,
  editor: string,
  who: Who,
  now: Date,
): Promise<{ token: string; session: Session }> {
  const token = newSecret();
  const session: Session = {
    editor,
    createdAt: now.toISOString(),
    validUntil: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    csrf: newSecret(),
    clientAddress: who.clientAddress,
    userAgent: who.userAgent.slice(0, 256),
  };
  await putSession(ctx.db, hashSecret(token), session);
  return { token, session };
}

/** The live session a cookie's token names: unknown, tampered, expired or revoked ones are undefined. */
export async function sessionOf(ctx: Context, token: string | undefined, now: Date): Promise<Session | undefined> {
  if (!isSecretShaped(token)) return undefined;
  const session = await getSession(ctx.db, hashSecret(token));
  if (!session || session.validUntil <= now.toISOString()) return undefined;
  // Someone removed from ADMIN_EMAILS is out at once, whatever sessions they had.
  return isEditor(ctx.config, session.editor) ? session : undefined;
}

/** Signs this session out. */
export async function endSession(ctx: Context, token: string): Promise<void> {
  if (isSecretShaped(token)) await deleteSession(ctx.db, hashSecret(token));
}

/** Signs the editor out everywhere; returns how many sessions ended. */
export const endAllSessions = (ctx: Context, editor: string): Promise<number> => deleteSessionsOf(ctx.db, editor);
