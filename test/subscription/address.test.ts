import { describe, expect, it } from "vitest";
import { addressKey, EmailAddress } from "@tidings/core/subscription/address";

const parse = (input: unknown) => EmailAddress.safeParse(input);
const reason = (input: unknown) => {
  const r = parse(input);
  return r.success ? undefined : r.error.issues[0]?.message;
};

describe("email addresses", () => {
  it("trims, lower-cases the domain, and keeps the local part as typed", () => {
    expect(EmailAddress.parse("  Ann.Lee+news@Example.COM ")).toBe("Ann.Lee+news@example.com");
    expect(EmailAddress.parse("o'brien@mail.example.ie")).toBe("o'brien@mail.example.ie");
  });

  it("writes an internationalised domain in its ASCII form", () => {
    expect(EmailAddress.parse("reader@Bücher.example")).toBe("reader@xn--bcher-kva.example");
    expect(EmailAddress.parse("reader@example.xn--p1ai")).toBe("reader@example.xn--p1ai");
  });

  it("folds the case of the whole address into one identity", () => {
    expect(addressKey(EmailAddress.parse("Ann@Example.com"))).toBe(addressKey(EmailAddress.parse("ann@example.COM")));
  });

  it("refuses line breaks, header injection and other control characters", () => {
    const message = "An email address cannot contain line breaks or other control characters.";
    expect(reason("reader@example.com\r\nBcc: victim@example.org")).toBe(message);
    expect(reason("reader@example.com\n")).toBe(message);
    expect(reason("reader@example.com%0ABcc:x@y.z".replace("%0A", "\n"))).toBe(message);
    expect(reason("read\ter@example.com")).toBe(message);
    expect(reason("reader@exa\u0000mple.com")).toBe(message);
    expect(reason("reader@example.com\u2028")).toBe(message);
  });

  it("refuses addresses over 254 characters, and local parts over 64", () => {
    const domain = `${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.example.com`;
    const long = `${"a".repeat(64)}@${domain}`;
    expect(long.length).toBeGreaterThan(254);
    expect(reason(long)).toBe("An email address cannot be longer than 254 characters.");
    expect(reason(`${"a".repeat(65)}@example.com`)).toMatch(/does not look like an email address/);
    expect(parse(`${"a".repeat(64)}@example.com`).success).toBe(true);
  });

  it.each([
    "",
    "   ",
    "plainaddress",
    "@example.com",
    "reader@",
    "reader@localhost",
    "reader@example",
    "reader@@example.com",
    ".reader@example.com",
    "reader.@example.com",
    "rea..der@example.com",
    "reader@-example.com",
    "reader@example..com",
    "reader@example.c",
    "reader@example.123",
    '"quoted"@example.com',
    "rëader@example.com",
    "<script>@example.com",
    "Reader <reader@example.com>",
    "reader@example.com, other@example.com",
  ])("refuses %j", (input) => {
    expect(parse(input).success).toBe(false);
  });

  it("refuses what is not a string", () => {
    expect(reason(undefined)).toBe("Enter your email address.");
    expect(reason(["a@example.com", "b@example.com"])).toBe("Enter your email address.");
    expect(reason("  ")).toBe("Enter your email address.");
  });
});
