/** The preference center's token purposes: preferences links never expire; change-address ones last 48 hours. */
import { describe, expect, it } from "vitest";
import { EmailAddress } from "@tidings/core/subscription/address";
import { idWithKey } from "@tidings/core/subscription/id";
import { CONFIRM_TOKEN_TTL_MS, issueToken, verifyToken, type TokenPurpose } from "@tidings/core/subscription/token";

const secret = { tokenSecret: "unit-test-secret", tokenSecretPrevious: [] };
const id = idWithKey(Buffer.alloc(32, 3), EmailAddress.parse("reader@example.com"));
const issued = new Date("2026-05-18T09:00:00Z");
const later = (ms: number) => new Date(issued.getTime() + ms);

describe("preferences and change-address tokens", () => {
  it("a preferences link works years later; a change-address link 48 hours, not a second more", () => {
    const preferences = issueToken(secret, "preferences", id, issued);
    expect(verifyToken(secret, "preferences", preferences, later(10 * 365 * 864e5))).toBe(id);
    const change = issueToken(secret, "change-address", id, issued);
    expect(verifyToken(secret, "change-address", change, later(CONFIRM_TOKEN_TTL_MS - 1000))).toBe(id);
    expect(() => verifyToken(secret, "change-address", change, later(CONFIRM_TOKEN_TTL_MS))).toThrow(
      expect.objectContaining({ code: "subscription.token_expired" }),
    );
  });

  it("serve only their own purpose", () => {
    const purposes: TokenPurpose[] = ["confirm", "unsubscribe", "preferences", "change-address"];
    for (const issuedFor of purposes) {
      const token = issueToken(secret, issuedFor, id, issued);
      for (const usedFor of purposes.filter((p) => p !== issuedFor)) {
        expect(() => verifyToken(secret, usedFor, token, issued), `${issuedFor} as ${usedFor}`).toThrow(
          expect.objectContaining({ code: "subscription.token_invalid" }),
        );
      }
    }
  });
});
