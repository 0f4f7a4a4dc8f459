import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { suppressSubscriber } from "@tidings/core/store/subscriber-state";
import { EmailAddress } from "@tidings/core/subscription/address";
import { unsubscribeUrl } from "@tidings/core/subscription/links";
import { confirmLink, freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();

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
      bed.path(unsubscribeUrl(bed.services.ctx.config, { id: await bed.idOf("same-left@example.com") })),
      {
        method: "POST",
      },
    );
    expect(await bed.stateOf("same-left@example.com")).toBe("unsubscribed");
    expect(await ask("same-left@example.com")).toEqual(fresh);

    await suppressSubscriber(bed.services.ctx.db, {
      id: await bed.idOf("same-bounced@example.com"),
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
      bed.path(unsubscribeUrl(bed.services.ctx.config, { id: await bed.idOf("x@example.com") })),
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
});
