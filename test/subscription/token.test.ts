import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TidingsError } from "@tidings/core/error";
import { EmailAddress } from "@tidings/core/subscription/address";
import { idWithKey } from "@tidings/core/subscription/id";
import { tokenKey } from "@tidings/core/subscription/keys";
import { CONFIRM_TOKEN_TTL_MS, issueToken, verifyToken } from "@tidings/core/subscription/token";

const secret = "unit-test-secret";
const keys = { tokenSecret: secret, tokenSecretPrevious: [] };
const idKey = Buffer.alloc(32, 3);
const email = EmailAddress.parse("reader@example.com");
const id = idWithKey(idKey, email);
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
    expect(idWithKey(idKey, EmailAddress.parse("READER@example.COM"))).toBe(id);
    expect(idWithKey(Buffer.alloc(32, 4), email)).not.toBe(id);
    expect(idWithKey(idKey, EmailAddress.parse("reader2@example.com"))).not.toBe(id);
  });
});

describe("tokens", () => {
  const confirm = issueToken(keys, "confirm", id, issued);
  const unsubscribe = issueToken(keys, "unsubscribe", id, issued);

  it("name the subscriber they were issued to, for their purpose", () => {
    expect(verifyToken(keys, "confirm", confirm, issued)).toBe(id);
    expect(verifyToken(keys, "unsubscribe", unsubscribe, new Date("2036-01-01T00:00:00Z"))).toBe(id);
  });

  it("are URL-safe, carry the signing key's id, and expose neither the id nor the address", () => {
    for (const token of [confirm, unsubscribe]) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{76}$/);
      expect(encodeURIComponent(token)).toBe(token);
      const bytes = Buffer.from(token, "base64url");
      expect(bytes.subarray(1, 4)).toEqual(tokenKey(secret).id);
      expect(bytes.includes(Buffer.from(id.slice(4), "base64url"))).toBe(false);
      expect(bytes.toString("latin1")).not.toContain("reader");
      expect(token).not.toContain(id.slice(4, 12));
    }
  });

  it("refuses a confirm token from 48 hours on, with its own reason", () => {
    const justBefore = new Date(issued.getTime() + CONFIRM_TOKEN_TTL_MS - 1000);
    const at = new Date(issued.getTime() + CONFIRM_TOKEN_TTL_MS);
    expect(verifyToken(keys, "confirm", confirm, justBefore)).toBe(id);
    expect(refusal(() => verifyToken(keys, "confirm", confirm, at))).toBe("403 subscription.token_expired");
  });

  it("refuses a token used for the other purpose", () => {
    expect(refusal(() => verifyToken(keys, "unsubscribe", confirm, issued))).toBe("403 subscription.token_invalid");
    expect(refusal(() => verifyToken(keys, "confirm", unsubscribe, issued))).toBe("403 subscription.token_invalid");
  });

  it("refuses every single-character alteration, truncation and extension", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (let i = 0; i < confirm.length; i++) {
      const c = confirm[i]!;
      const other = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length];
      const altered = confirm.slice(0, i) + other + confirm.slice(i + 1);
      expect(
        refusal(() => verifyToken(keys, "confirm", altered, issued)),
        `position ${i}`,
      ).toBe("403 subscription.token_invalid");
    }
    for (const bad of [confirm.slice(0, -1), confirm + "A", "", "not-a-token", confirm.replace(/./, "+")]) {
      expect(refusal(() => verifyToken(keys, "confirm", bad, issued))).toBe("403 subscription.token_invalid");
    }
  });

  it("refuses a token whose expiry was pushed forward, even with the rest intact", () => {
    const raw = Buffer.from(confirm, "base64url");
    raw.writeUInt32BE(raw.readUInt32BE(5) + 7 * 24 * 3600, 5);
    const stretched = raw.toString("base64url");
    const later = new Date(issued.getTime() + CONFIRM_TOKEN_TTL_MS + 1000);
    expect(refusal(() => verifyToken(keys, "confirm", stretched, later))).toBe("403 subscription.token_invalid");
  });

  it("refuses a token signed with another secret", () => {
    const forged = issueToken({ tokenSecret: "attacker-guess", tokenSecretPrevious: [] }, "unsubscribe", id, issued);
    expect(refusal(() => verifyToken(keys, "unsubscribe", forged, issued))).toBe("403 subscription.token_invalid");
  });

  it("gives one subscriber one stable unsubscribe token, different from everyone else's", () => {
    expect(issueToken(keys, "unsubscribe", id, new Date())).toBe(unsubscribe);
    const other = idWithKey(idKey, EmailAddress.parse("other@example.com"));
    expect(issueToken(keys, "unsubscribe", other, issued)).not.toBe(unsubscribe);
  });
});

describe("token keys that rotate", () => {
  const A = { tokenSecret: "key-A", tokenSecretPrevious: [] };
  const BwithA = { tokenSecret: "key-B", tokenSecretPrevious: ["key-A"] };
  const B = { tokenSecret: "key-B", tokenSecretPrevious: [] };
  const fromA = issueToken(A, "unsubscribe", id, issued);

  it("sign with TOKEN_SECRET and still verify with TOKEN_SECRET_PREVIOUS, until it is retired", () => {
    expect(verifyToken(BwithA, "unsubscribe", fromA, issued)).toBe(id);
    const fromB = issueToken(BwithA, "unsubscribe", id, issued);
    expect(Buffer.from(fromB, "base64url").subarray(1, 4)).toEqual(tokenKey("key-B").id);
    expect(verifyToken(B, "unsubscribe", fromB, issued)).toBe(id);
    expect(refusal(() => verifyToken(B, "unsubscribe", fromA, issued))).toBe("403 subscription.token_invalid");
  });

  it("verify today's tokens (no key id) against any configured key, and refuse them under any other", () => {
    const fixture = JSON.parse(
      readFileSync(new URL("../fixtures/migration/today.tokens.json", import.meta.url), "utf8"),
    ) as {
      secret: string;
      tokens: { id: string; unsubscribe: string; confirm: string; issuedAt: string }[];
    };
    const [first] = fixture.tokens;
    expect(first!.unsubscribe).toMatch(/^[A-Za-z0-9_-]{72}$/);
    const at = new Date(first!.issuedAt);
    for (const k of [
      { tokenSecret: fixture.secret, tokenSecretPrevious: [] },
      { tokenSecret: "new-key", tokenSecretPrevious: ["older", fixture.secret] },
    ]) {
      expect(verifyToken(k, "unsubscribe", first!.unsubscribe, at)).toBe(first!.id);
      expect(verifyToken(k, "confirm", first!.confirm, at)).toBe(first!.id);
      expect(refusal(() => verifyToken(k, "confirm", first!.unsubscribe, at))).toBe("403 subscription.token_invalid");
    }
    const retired = { tokenSecret: "new-key", tokenSecretPrevious: [] };
    expect(refusal(() => verifyToken(retired, "unsubscribe", first!.unsubscribe, at))).toBe(
      "403 subscription.token_invalid",
    );
  });
});
