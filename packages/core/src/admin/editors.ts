/** Who may use the desk: the addresses in ADMIN_EMAILS, matched without regard to case. */
import type { Config } from "../config.ts";

/** True when `address` is one of the configured editors. */
export function isEditor(config: Pick<Config, "adminEmails">, address: string): boolean {
  return config.adminEmails.includes(address.trim().toLowerCase());
}
