/**
 * The preference center through the real app and real local services: themes (a GET changes
 * nothing, a POST saves, none at all is refused towards unsubscribing), the reader's data, a
 * change of address that the new address must confirm, and erasure.
 */
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { sendInProcess } from "@tidings/core/send/in-process";
import { getSend } from "@tidings/core/store/sends";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { preferencesUrl } from "@tidings/core/subscription/links";
import { themes } from "@tidings/core/theme/themes";
import { storeDigest } from "../support/sending.ts";
import { CLIENT_HEADER, confirmLink, freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();
const names = themes().list.map((t) => t.name);
const form = (fields: [string, string][]) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", [CLIENT_HEADER]: freshClient() },
  body: new URLSearchParams(fields).toString(),
});
const checked = (html: string) => values(html, "input[name=themes]:checked");
/** Every `input[name=themes]` value, checked or not, as the page offers them. */
const offered = (html: string) => values(html, "input[name=themes]");
function values(html: string, selector: string) {
  const $ = load(html);
  return $(selector)
    .map((_, i) => $(i).attr("value"))
    .get();
}

/** Signs `address` up and confirms it; returns the welcome page's preferences link. */
async function subscribed(address: string): Promise<string> {
  await signup(bed.app, { email: address }, { client: freshClient() });
  const [mail] = await bed.mailTo(address);
  const welcome = await bed.app.request(bed.path(confirmLink(mail?.body.text)));
  const $ = load(await welcome.text());
  const link = $("a")
    .filter((_, a) => /preferences|topics/i.test($(a).text()))
    .attr("href");
  expect(link).toMatch(/^\/preferences\?token=/);
  return link!;
}

describe("the preference center", () => {
  it("is linked from the welcome page; shows every theme ticked; a GET changes nothing", async () => {
    const link = await subscribed("prefs-new@example.com");
    const before = await bed.subscriber("prefs-new@example.com");
    const page = await bed.app.request(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await page.text();
    expect(offered(html)).toEqual(names);
    expect(checked(html)).toEqual(names);
    expect(html).toContain("prefs-new@example.com");
    const $ = load(html);
    for (const label of ["Change my address", "Download my data", "Unsubscribe", "Delete me"]) {
      expect($("a").filter((_, a) => $(a).text() === label).length, label).toBe(1);
    }
    expect(await bed.subscriber("prefs-new@example.com")).toEqual(before);
  });

  it("saves the ticked themes, shows them, and refuses none at all with a way to unsubscribe", async () => {
    const link = await subscribed("prefs-two@example.com");
    const two = [names[3]!, names[1]!];
    const saved = await bed.app.request(link, form(two.map((t) => ["themes", t])));
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(load(html)("[role=status]").text()).toContain("Saved");
    expect(checked(html)).toEqual([names[1], names[3]]);
    expect((await bed.subscriber("prefs-two@example.com"))?.themes).toEqual([names[1], names[3]]);
    expect(checked(await (await bed.app.request(link)).text())).toEqual([names[1], names[3]]);

    const none = await bed.app.request(link, form([]));
    expect(none.status).toBe(400);
    const alert = load(await none.text())("[role=alert]");
    expect(alert.text()).toMatch(/at least one topic.*unsubscribe/i);
    expect(alert.find("a").attr("href")).toMatch(/^\/unsubscribe\?token=/);
    expect((await bed.subscriber("prefs-two@example.com"))?.themes).toEqual([names[1], names[3]]);

    const json = await bed.app.request(link, {
      ...form([]),
      headers: { ...form([]).headers, accept: "application/json" },
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: { code: "preferences.no_theme" } });

    // Every theme ticked stores no choice: themes added to the file later come too.
    await bed.app.request(link, form(names.map((t) => ["themes", t])));
    expect((await bed.subscriber("prefs-two@example.com"))?.themes).toBeUndefined();
  });

  it("refuses an altered link, and an unsubscribe link in its place", async () => {
    const link = await subscribed("prefs-forged@example.com");
    const altered = link.slice(0, -2) + (link.endsWith("AA") ? "BB" : "AA");
    expect((await bed.app.request(altered)).status).toBe(403);
    const unsubscribeToken = load(await (await bed.app.request(link)).text())("a:contains('Unsubscribe')")
      .attr("href")!
      .split("token=")[1];
    const res = await bed.app.request(`/preferences?token=${unsubscribeToken}`, {
      headers: { accept: "application/json" },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "subscription.token_invalid" } });
  });

  it("gives the reader their data: address, dates, themes and the issues sent to them", async () => {
    const link = await subscribed("prefs-data@example.com");
    await bed.app.request(link, form([["themes", names[0]!]]));
    const digest = await storeDigest(bed.services.ctx.db, "2026-W40");
    await sendInProcess(bed.services.ctx, "2026-W40", { retryDelayMs: 5 });
    const res = await bed.app.request(link.replace("/preferences?", "/preferences/data?"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
    const data = (await res.json()) as Record<string, unknown>;
    expect(data).toMatchObject({
      email: "prefs-data@example.com",
      state: "active",
      themes: [names[0]],
      consent: { form: "unknown" },
      digestsSent: [{ week: "2026-W40", subject: digest.subject }],
    });
    expect(data.confirmedAt).toEqual(expect.any(String));
    expect(JSON.stringify(data)).not.toMatch(/token|sub_/);
  });
});

describe("changing address", () => {
  it("moves the reader, themes and history, only once the new address confirms", async () => {
    const link = await subscribed("mover-old@example.com");
    const oldId = await bed.idOf("mover-old@example.com");
    await bed.app.request(link, form([["themes", names[2]!]]));
    await storeDigest(bed.services.ctx.db, "2026-W41");
    await sendInProcess(bed.services.ctx, "2026-W41", { retryDelayMs: 5 });
    await bed.services.clearMailbox();

    const asked = await bed.app.request(
      link.replace("/preferences?", "/preferences/address?"),
      form([["email", "Mover-New@Example.com"]]),
    );
    expect(asked.status).toBe(200);
    expect(await bed.stateOf("mover-new@example.com")).toBeUndefined(); // nothing moves before the click
    const [mail] = await bed.mailTo("mover-new@example.com");
    expect(await bed.mailTo("mover-old@example.com")).toEqual([]);
    const confirm = bed.path(/http:\/\/localhost:3000\/preferences\/address\/confirm\?\S+/.exec(mail!.body.text!)![0]);

    const again = await bed.app.request(
      link.replace("/preferences?", "/preferences/address?"),
      form([["email", "elsewhere@example.com"]]),
    );
    expect(again.status).toBe(429); // one change email per 10 minutes

    const page = await bed.app.request(confirm);
    expect(page.status).toBe(200);
    expect(load(await page.text())("button").text()).toBe("Yes, use this address");
    expect(await bed.stateOf("mover-old@example.com")).toBe("active"); // the GET changed nothing

    const done = await bed.app.request(confirm, form([]));
    expect(done.status).toBe(200);
    const moved = await bed.subscriber("mover-new@example.com");
    expect(moved).toMatchObject({
      state: "active",
      email: "Mover-New@example.com",
      themes: [names[2]],
      previousIds: [oldId],
    });
    expect(await getSubscriber(bed.services.ctx.db, oldId)).toBeUndefined();
    expect((await bed.app.request(link)).status).toBe(403); // the old address's link is gone

    const newLink = load(await done.text())("a:contains('Your preferences')").attr("href")!;
    expect(newLink).toBe(bed.path(preferencesUrl(bed.services.ctx.config, { id: moved!.id })));
    const data = (await (await bed.app.request(newLink.replace("/preferences?", "/preferences/data?"))).json()) as {
      digestsSent: { week: string }[];
    };
    expect(data.digestsSent.map((d) => d.week)).toEqual(["2026-W41"]);
    expect((await bed.app.request(confirm, form([]))).status).toBe(403); // used up
  });

  it("refuses to move onto an address that is subscribed already, changing nothing", async () => {
    const link = await subscribed("taken-from@example.com");
    await subscribed("taken-to@example.com");
    await bed.app.request(
      link.replace("/preferences?", "/preferences/address?"),
      form([["email", "taken-to@example.com"]]),
    );
    const [mail] = (await bed.mailTo("taken-to@example.com")).filter((m) => m.subject.startsWith("Confirm your new"));
    const confirm = bed.path(/http:\/\/localhost:3000\/preferences\/address\/confirm\?\S+/.exec(mail!.body.text!)![0]);
    const res = await bed.app.request(confirm, form([]));
    expect(res.status).toBe(400);
    expect(await bed.stateOf("taken-from@example.com")).toBe("active");
    expect((await bed.subscriber("taken-to@example.com"))?.previousIds).toBeUndefined();
  });
});

describe("deleting oneself", () => {
  it("asks first, then erases the address and history; the address may sign up again", async () => {
    const link = await subscribed("eraser@example.com");
    const id = await bed.idOf("eraser@example.com");
    await storeDigest(bed.services.ctx.db, "2026-W42");
    await sendInProcess(bed.services.ctx, "2026-W42", { retryDelayMs: 5 });
    expect((await getSend(bed.services.ctx.db, "2026-W42", id))?.status).toBe("sent");

    const ask = await bed.app.request(link.replace("/preferences?", "/preferences/delete?"));
    expect(load(await ask.text())("button").text()).toBe("Delete me");
    expect(await bed.stateOf("eraser@example.com")).toBe("active");

    const res = await bed.app.request(link.replace("/preferences?", "/preferences/delete?"), form([]));
    expect(res.status).toBe(200);
    const tombstone = await getSubscriber(bed.services.ctx.db, id);
    expect(tombstone).toEqual({ id, state: "erased", erasedAt: expect.any(String), updatedAt: expect.any(String) });
    expect(await getSend(bed.services.ctx.db, "2026-W42", id)).toBeUndefined();
    expect((await bed.app.request(link)).status).toBe(403);

    await signup(bed.app, { email: "eraser@example.com" }, { client: freshClient() });
    expect(await bed.stateOf("eraser@example.com")).toBe("pending");
    expect((await bed.subscriber("eraser@example.com"))?.erasedAt).toBeUndefined();
  });
});
