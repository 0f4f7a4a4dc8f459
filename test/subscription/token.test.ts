import { describe, expect, it } from "vitest";
import { TidingsError } from "@tidings/core/error";
import { EmailAddress } from "@tidings/core/subscription/address";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { CONFIRM_TOKEN_TTL_MS, issueToken, verifyToken } from "@tidings/core/subscription/token";

const secret = "unit-test-secret";
const email = EmailAddress.parse("reader@example.com");
const id = subscriberId(secret, email);
const issued = new Date("2026-05-18T09:00:00Z");

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TidingsError) return `${e.status} ${e.code}`;
    throw e;
  }
  return "accepted";
}

describe("subscriber ids", () => {
  it("are prefixed, opaque, and the same for every case spelling of one address", () => {
    expect(id).toMatch(/^sub_[A-Za-z0-9_-]{22}$/);
    expect(id).not.toContain("reader");
    expect(subscriberId(secret, EmailAddress.parse("READER@example.COM"))).toBe(id);
    expect(subscriberId("another-secret", email)).not.toBe(id);
    expect(subscriberId(secret, EmailAddress.parse("reader2@example.com"))).not.toBe(id);
  });
});

describe("tokens", () => {
  const confirm = issueToken(secret, "confirm", id, issued);
  const unsubscribe = issueToken(secret, "unsubscribe", id, issued);

  it("name the subscriber they were issued to, for their purpose", () => {
    expect(verifyToken(secret, "confirm", confirm, issued)).toBe(id);
    expect(verifyToken(secret, "unsubscribe", unsubscribe, new Date("2036-01-01T00:00:00Z"))).toBe(id);
  });

  it("are URL-safe and expose neither the id nor the address", () => {
    for (const token of [confirm, unsubscribe]) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{72}$/);
      expect(encodeURIComponent(token)).toBe(token);
      const bytes = Buffer.from(token, "base64url");
      expect(bytes.includes(Buffer.from(id.slice(4), "base64url"))).toBe(false);
      expect(bytes.toString("latin1")).not.toContain("reader");
      expect(token).not.toContain(id.slice(4, 12));
    }
  });

  it("refuses a confirm token from 48 hours on, with its own reason", () => {
    const justBefore = new Date(issued.getTime() + CONFIRM_TOKEN_TTL_MS - 1000);
    const at = new Date(issued.getTime() + CONFIRM_TOKEN_TTL_MS);
    expect(verifyToken(secret, "confirm", confirm, justBefore)).toBe(id);
    expect(refusal(() => verifyToken(secret, "confirm", confirm, at))).toBe("403 subscription.token_expired");
  });

  it("refuses a token used for the other purpose", () => {
    expect(refusal(() => verifyToken(secret, "unsubscribe", confirm, issued))).toBe("403 subscription.token_invalid");
    expect(refusal(() => verifyToken(secret, "confirm", unsubscribe, issued))).toBe("403 subscription.token_invalid");
  });

  it("refuses every single-character alteration, truncation and extension", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (let i = 0; i < confirm.length; i++) {
      const c = confirm[i]!;
      const other = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length];
      const altered = confirm.slice(0, i) + other + confirm.slice(i + 1);
      expect(
        refusal(() => verifyToken(secret, "confirm", altered, issued)),
        `position ${i}`,
      ).toBe("403 subscription.token_invalid");
    }
    for (const bad of [confirm.slice(0, -1), confirm + "A", "", "not-a-token", confirm.replace(/./, "+")]) {
      expect(refusal(() => verifyToken(secret, "confirm", bad, issued))).toBe("403 subscription.token_invalid");
    }
  });

  it("refuses a token whose expiry was pushed forward, even with the rest intact", () => {
    const raw = Buffer.from(confirm, "base64url");
    raw.writeUInt32BE(raw.readUInt32BE(2) + 7 * 24 * 3600, 2);
    const stretched = raw.toString("base64url");
    const later = new Date(issued.getTime() + CONFIRM_TOKEN_TTL_MS + 1000);
    expect(refusal(() => verifyToken(secret, "confirm", stretched, later))).toBe("403 subscription.token_invalid");
  });

  it("refuses a token signed with another secret", () => {
    const forged = issueToken("attacker-guess", "unsubscribe", id, issued);
    expect(refusal(() => verifyToken(secret, "unsubscribe", forged, issued))).toBe("403 subscription.token_invalid");
  });

  it("gives one subscriber one stable unsubscribe token, different from everyone else's", () => {
    expect(issueToken(secret, "unsubscribe", id, new Date())).toBe(unsubscribe);
    const other = subscriberId(secret, EmailAddress.parse("other@example.com"));
    expect(issueToken(secret, "unsubscribe", other, issued)).not.toBe(unsubscribe);
  });
});
