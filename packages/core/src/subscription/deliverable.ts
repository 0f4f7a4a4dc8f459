/**
 * Domains no mail can ever reach (RFC 6761 special-use names, and mDNS's `.local`, RFC 6762):
 * a confirmation email sent there is a certain hard bounce, and enough of them hurt the
 * sender's reputation. Second-level `example.com`, `.net` and `.org` are real, accepting
 * domains (documentation uses them) and stay allowed; `.localhost` is allowed on the local stack,
 * where the local SES keeps every message.
 */
import type { EmailAddress } from "./address.ts";

const neverDelivered = ["invalid", "test", "example", "local"];

/**
 * Why mail to this address can never be delivered, in words for the person who typed it; or
 * undefined when it can be.
 *
 * @example undeliverableReason(EmailAddress.parse("a@b.test"), { localStack: false })
 */
export function undeliverableReason(
  address: EmailAddress,
  { localStack }: { localStack: boolean },
): string | undefined {
  const tld = address.slice(address.lastIndexOf(".") + 1).toLowerCase();
  if (neverDelivered.includes(tld) || (tld === "localhost" && !localStack)) {
    return `Addresses ending in .${tld} are reserved and can never receive email. Enter the address you read your email at.`;
  }
  return undefined;
}
