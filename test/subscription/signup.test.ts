import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { MAX_BODY_BYTES } from "@tidings/functions/app/app";
import { digestKeys } from "@tidings/core/store/keys";
import { suppressSubscriber } from "@tidings/core/store/subscriber-state";
import { EmailAddress } from "@tidings/core/subscription/address";
import { unsubscribeUrl } from "@tidings/core/subscription/links";
import { CLIENT_HEADER, confirmLink, freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();

describe("the landing page", () => {
  it("names the newsletter, lists its themes, links the archive and has a labelled form", async () => {
    const res = await bed.app.request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>Tidings: Semiconductors</h1>");
    for (const theme of ["AI chips &amp; computing", "Memory &amp; storage", "Policy &amp; trade", "More news"])
      expect(html).toContain(theme);
    expect(html).toContain('<a href="/digests">Browse past issues</a>');
    expect(html).toContain('<form class="signup" method="post" action="/subscribe">');
    expect(html).toContain('<label for="email">Your email address</label>');
    expect(html).toMatch(/<input type="email" id="email" name="email" autocomplete="email" required=""/);
    expect(html).not.toMatch(/<script|style=/);
  });
});

describe("the landing page's sample issue", () => {
  it("links the newest digest once there is one", async () => {
    const { client, table } = bed.services.ctx.db;
    for (const week of ["2026-W19", "2026-W20", "2026-W18"]) {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: { ...digestKeys.key(week), ...digestKeys.index(week), week, subject: week },
        }),
      );
    }
    const html = await (await bed.app.request("/")).text();
    expect(html).toContain('<a href="/digests/2026-W20">Read the latest issue</a>');
  });
});

describe("POST /subscribe", () => {
  it("sends one confirmation email, HTML and text, to a new address, and records consent", async () => {
    const res = await signup(bed.app, { email: "New.Reader@Example.COM", form: "home" }, { client: "192.0.2.10" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");

    const [mail, ...more] = await bed.mailTo("New.Reader@example.com");
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe("Confirm your subscription to Tidings: Semiconductors");
    expect(mail!.from).toBe(bed.services.ctx.config.sender);
    // Built like every other email (send/message.ts), minus the list headers: nobody is subscribed yet.
    expect(mail!.replyTo).toEqual(["digest@tidings.localhost"]);
    expect((mail!.headers ?? []).map((h) => h.name.toLowerCase())).not.toContain("list-unsubscribe");
    const link = confirmLink(mail!.body.text);
    const html = load(mail!.body.html ?? "");
    expect(
      html("a[href*='/confirm?token=']")
        .map((_, a) => html(a).attr("href"))
        .get(),
    ).toEqual([link, link]);
    expect(html("title").text()).toBe("Confirm your subscription to Tidings: Semiconductors");
    expect(mail!.body.html).toMatch(/^<!doctype html>/);
    expect(mail!.body.text).toContain("valid for 48 hours");
    expect(mail!.body.text).toContain(bed.services.ctx.config.postalAddress);

    const s = await bed.subscriber("new.reader@example.com");
    expect(s).toMatchObject({
      state: "pending",
      email: "New.Reader@example.com",
      consent: { at: bed.now().toISOString(), clientAddress: "192.0.2.10", userAgent: "vitest", form: "home" },
      // Forgotten (DynamoDB TTL) 30 days after this email if never confirmed.
      expiresAt: Math.floor(bed.now().getTime() / 1000) + 30 * 24 * 60 * 60,
    });
  });

  it("gives the same answer for new, pending, active, unsubscribed and suppressed addresses", async () => {
    const ask = async (email: string, json = false) => {
      const res = await signup(bed.app, { email, form: "home" }, { client: freshClient(), json });
      const headers = [...res.headers].filter(([name]) => name !== "date");
      return { status: res.status, headers, body: (await res.text()).replaceAll(email, "ADDRESS") };
    };
    const activate = async (email: string) => {
      await signup(bed.app, { email }, { client: freshClient() });
      const [invite] = await bed.mailTo(email);
      await bed.app.request(bed.path(confirmLink(invite!.body.text)));
      expect(await bed.stateOf(email)).toBe("active");
    };
    const fresh = await ask("same-new@example.com");
    expect(fresh.status).toBe(200);

    await signup(bed.app, { email: "same-pending@example.com" }, { client: freshClient() });
    expect(await ask("same-pending@example.com")).toEqual(fresh);

    await activate("same-active@example.com");
    expect(await ask("same-active@example.com")).toEqual(fresh);

    await activate("same-left@example.com");
    await bed.app.request(
      bed.path(unsubscribeUrl(bed.services.ctx.config, { id: bed.idOf("same-left@example.com") })),
      {
        method: "POST",
      },
    );
    expect(await bed.stateOf("same-left@example.com")).toBe("unsubscribed");
    expect(await ask("same-left@example.com")).toEqual(fresh);

    await suppressSubscriber(bed.services.ctx.db, {
      id: bed.idOf("same-bounced@example.com"),
      email: EmailAddress.parse("same-bounced@example.com"),
      kind: "bounce",
      detail: "Permanent/General",
      now: bed.now(),
    });
    expect(await ask("same-bounced@example.com")).toEqual(fresh);

    const freshJson = await ask("same-new-json@example.com", true);
    expect(freshJson.status).toBe(200);
    expect(await ask("same-active@example.com", true)).toEqual(freshJson);
    expect(await ask("same-bounced@example.com", true)).toEqual(freshJson);
  });

  it("sends a pending address at most one confirmation per 10 minutes", async () => {
    const email = "patient@example.com";
    const client = freshClient();
    await signup(bed.app, { email }, { client });
    bed.advance(4 * 60_000);
    await signup(bed.app, { email }, { client });
    bed.advance(5 * 60_000 + 59_000);
    await signup(bed.app, { email: "PATIENT@example.com" }, { client: freshClient() });
    expect(await bed.mailTo(email)).toHaveLength(1);
    bed.advance(1000); // 10 minutes after the first
    await signup(bed.app, { email }, { client: freshClient() });
    expect(await bed.mailTo(email)).toHaveLength(2);
    bed.advance(60_000);
    await signup(bed.app, { email }, { client: freshClient() });
    expect(await bed.mailTo(email)).toHaveLength(2);
  });

  it("records which form a signup came from, for every form the pages render", async () => {
    const formOf = (html: string) => load(html)("form.signup input[name=form]").attr("value");
    const home = formOf(await (await bed.app.request("/")).text());
    const retry = formOf(await (await signup(bed.app, { email: "nope" }, { client: freshClient() })).text());
    const left = await bed.app.request(
      bed.path(unsubscribeUrl(bed.services.ctx.config, { id: bed.idOf("x@example.com") })),
      {
        method: "POST",
      },
    );
    const unsubscribed = formOf(await left.text());
    expect([home, retry, unsubscribed]).toEqual(["home", "retry", "unsubscribed"]);
    for (const form of [home!, retry!, unsubscribed!, "forged"]) {
      const email = `from-${form}@example.com`;
      expect((await signup(bed.app, { email, form }, { client: freshClient() })).status).toBe(200);
      expect((await bed.subscriber(email))?.consent?.form).toBe(form === "forged" ? "unknown" : form);
    }
  });

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

  it("answers a burst from one client with 429 and Retry-After", async () => {
    const client = freshClient();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await signup(bed.app, { email: `burst${i}@example.com` }, { client })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const res = await signup(bed.app, { email: "burst-last@example.com" }, { client, json: true });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: { code: "subscription.rate_limited" } });
    expect(await bed.mailbox()).toHaveLength(5);
    // Another client is not affected.
    expect((await signup(bed.app, { email: "calm@example.com" }, { client: freshClient() })).status).toBe(200);
  });

  it("limits one address signed up from many clients", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await signup(bed.app, { email: "target@example.com" }, { client: freshClient() })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(await bed.mailTo("target@example.com")).toHaveLength(1);
  });

  it("takes IPv6 clients by their /64", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++)
      statuses.push(
        (await signup(bed.app, { email: `v6-${i}@example.com` }, { client: `2001:db8:1:2::${i.toString(16)}` })).status,
      );
    expect(statuses.at(-1)).toBe(429);
  });
});
