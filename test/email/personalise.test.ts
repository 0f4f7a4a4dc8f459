import { describe, expect, it } from "vitest";
import { defuse, personalise, placeholders } from "@tidings/core/email/personalise";

const token = placeholders.unsubscribeUrl;
const stored = {
  subject: "Weekly news",
  html: `<a href="${token}">Unsubscribe</a><p>body</p><a href="${token}">again</a>`,
  text: `Unsubscribe: ${token}\nbody\n${token}`,
};

describe("personalise", () => {
  it("fills every placeholder in the HTML and the text", () => {
    const url = "https://tidings.example/unsubscribe?token=abc&x=1";
    const mail = personalise(stored, { unsubscribeUrl: url });
    expect(mail.html).toBe(
      `<a href="https://tidings.example/unsubscribe?token=abc&amp;x=1">Unsubscribe</a><p>body</p><a href="https://tidings.example/unsubscribe?token=abc&amp;x=1">again</a>`,
    );
    expect(mail.text).toBe(`Unsubscribe: ${url}\nbody\n${url}`);
    expect(mail.subject).toBe("Weekly news");
    expect(mail.html + mail.text).not.toContain("{{");
  });

  it("gives each reader their own link from the same stored email", () => {
    const a = personalise(stored, { unsubscribeUrl: "https://t.example/u?token=a" });
    const b = personalise(stored, { unsubscribeUrl: "https://t.example/u?token=b" });
    expect(a.text).toContain("token=a");
    expect(b.text).toContain("token=b");
    expect(b.text).not.toContain("token=a");
  });

  it("leaves an email without placeholders as it is", () => {
    const plain = { subject: "s", html: "<p>h</p>", text: "t" };
    expect(personalise(plain, { unsubscribeUrl: "https://x.example" })).toEqual(plain);
  });

  it("fills the confirmation link, and refuses to leave a placeholder it has no value for", () => {
    const confirm = {
      subject: "Confirm",
      html: `<a href="${placeholders.confirmUrl}">Yes</a>`,
      text: placeholders.confirmUrl,
    };
    const url = "https://t.example/confirm?token=c&d";
    expect(personalise(confirm, { confirmUrl: url })).toEqual({
      subject: "Confirm",
      html: '<a href="https://t.example/confirm?token=c&amp;d">Yes</a>',
      text: url,
    });
    expect(() => personalise(confirm, { unsubscribeUrl: url })).toThrow("no value for the placeholder {{confirm_url}}");
  });

  it("defuses feed text that looks like a placeholder", () => {
    const hostile = defuse(`Read this ${token} and {{{unsubscribe_url}}}`);
    expect(hostile).not.toContain("{{");
    const mail = personalise(
      { subject: hostile, html: hostile, text: hostile },
      { unsubscribeUrl: "https://secret.example" },
    );
    expect(mail.html + mail.text + mail.subject).not.toContain("secret");
  });
});
