import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@tidings/functions/app/app";
import { EmailAddress } from "@tidings/core/subscription/address";
import { CLIENT_HEADER, freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();

describe("POST /subscribe refuses bad input and bots, sending nothing", () => {
  it("refuses a line break or an injected header in the email field, and sends nothing", async () => {
    for (const email of [
      "victim@example.com\r\nBcc: everyone@example.org",
      "victim@example.com\nSubject: hi",
      "victim@example.com%0D%0ABcc:x@example.org".replace("%0D%0A", "\r\n"),
      "victim@example.com\r\n",
    ]) {
      for (const json of [false, true]) {
        const res = await signup(bed.app, { email }, { client: freshClient(), json });
        expect(res.status).toBe(400);
        const body = await res.text();
        expect(body).toContain("cannot contain line breaks");
      }
    }
    expect(await bed.mailbox()).toHaveLength(0);
  });

  it("answers an invalid address with 400, the form and the reason, never reflecting input unescaped", async () => {
    const typed = `"><script>alert(1)</script><img src=x onerror=alert(2)>@example.com`;
    const res = await signup(bed.app, { email: typed }, { client: freshClient() });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("That does not look like an email address");
    expect(html).toContain('<form class="signup"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain(
      'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;@example.com"',
    );

    const json = await signup(bed.app, { email: "<b>nope</b>" }, { client: freshClient(), json: true });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({
      error: {
        code: "subscription.invalid_email",
        message: "That does not look like an email address (for example: name@example.com).",
      },
    });

    const empty = await signup(bed.app, {}, { client: freshClient() });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter your email address.");

    const malformed = await bed.app.request("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", [CLIENT_HEADER]: freshClient() },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(await bed.mailbox()).toHaveLength(0);
  });

  it("escapes HTML in a valid address it shows back", async () => {
    const email = "a&b'<i>@example.com";
    expect(EmailAddress.safeParse(email).success).toBe(false);
    const odd = "o'hara&co@example.com";
    const res = await signup(bed.app, { email: odd }, { client: freshClient() });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<strong>o&#39;hara&amp;co@example.com</strong>");
    const [mail] = await bed.mailTo(odd);
    expect(mail).toBeDefined();
  });

  it("refuses a body over the limit with 413 and sends nothing", async () => {
    const res = await signup(
      bed.app,
      { email: "big@example.com", pad: "x".repeat(MAX_BODY_BYTES) },
      { client: freshClient() },
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Too large");
    expect(await bed.mailbox()).toHaveLength(0);
  });

  it("answers a filled honeypot like any signup, and does nothing", async () => {
    const res = await signup(
      bed.app,
      { email: "bot-target@example.com", website: "http://spam.example" },
      { client: freshClient() },
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");
    expect(await bed.mailbox()).toHaveLength(0);
    expect(await bed.subscriber("bot-target@example.com")).toBeUndefined();
  });
});
