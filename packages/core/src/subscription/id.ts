/** What a subscriber id is: `sub_` + 16 bytes of a keyed hash of the lower-cased address. */
import { createHmac } from "node:crypto";
import { addressKey, type EmailAddress } from "./address.ts";

export const SUBSCRIBER_ID_PREFIX = "sub_";

/** The id of an address under an id key (subscriber.ts's `subscriberId` gives the installation's). */
export function idWithKey(key: Buffer, address: EmailAddress): string {
  const digest = createHmac("sha256", key).update(addressKey(address)).digest();
  return SUBSCRIBER_ID_PREFIX + digest.subarray(0, 16).toString("base64url");
}

/** The 16 bytes behind an id, or undefined when `id` is not one of ours. */
export function subscriberIdBytes(id: string): Buffer | undefined {
  if (!id.startsWith(SUBSCRIBER_ID_PREFIX)) return undefined;
  const bytes = Buffer.from(id.slice(SUBSCRIBER_ID_PREFIX.length), "base64url");
  return bytes.length === 16 ? bytes : undefined;
}
