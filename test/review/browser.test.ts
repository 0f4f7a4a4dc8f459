/**
 * The review, as an editor meets it, in Chromium, with REVIEW=on: `npm start` (own ports and data
 * directory; the seed feed and a small photonics wire), readers in the store, then `npm run digest
 * -- --week 2026-W20 --send` plays the weekly job: the draft's link arrives in the editor's
 * mailbox. In the desk the editor moves one story, drops another, writes a note and approves; the
 * running app delivers exactly that digest (the local mailbox: sections, the note in HTML and
 * text) and `/digests/2026-W20.json` shows it. The move is listed as a correction, and the next
 * build of a later week files a story like it under the editor's theme. Once delivery began, an
 * edit gets 409 from the API and the desk says the digest is final.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "cheerio";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "@tidings/core/config";
import { createContext } from "@tidings/core/context";
import { launchBrowser, watchPage } from "../support/browser.ts";
import { freePort, runTs, type Running } from "../support/processes.ts";
import { placeholderImages, seedFeed } from "../support/seeded-app.ts";
import { addReaders, type Reader } from "../support/sending.ts";
import type { SentEmail } from "../support/services.ts";

const wire = fileURLToPath(new URL("../fixtures/feeds/review-wire.xml", import.meta.url));
const EDITOR = "editor@tidings.localhost";
const week = "2026-W20";
let browser: Browser;
let start: Running;
let env: Record<string, string>;
let app: string;
let readers: Reader[];

beforeAll(async () => {
  const [port, dynamodb, ses] = await Promise.all([freePort(), freePort(), freePort()]);
  app = `http://127.0.0.1:${port}`;
  env = {
    REVIEW: "on",
    FEEDS: `${seedFeed},${wire}`,
    PORT: String(port),
    PUBLIC_URL: app,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamodb}`,
    SES_ENDPOINT: `http://127.0.0.1:${ses}`,
    TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "tidings-review-")),
  };
  start = runTs("packages/local/src/cli/start.ts", [], env);
  [browser] = await Promise.all([launchBrowser(), start.waitFor("Press Ctrl-C to stop.", 150_000)]);
  // Readers, made through the store of the running stack (its token secret is in its data directory).
  const { db, config } = createContext(readConfig({ ...process.env, ...env }));
  readers = await addReaders({ db, config }, 2, "review-reader-");
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await start?.stop();
});

async function mailbox(): Promise<SentEmail[]> {
  return ((await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as { emails: SentEmail[] }).emails;
}

/** The newest message to `address` whose subject matches, polling until it arrives. */
async function arrived(address: string, subject: RegExp = /./): Promise<SentEmail> {
  for (let tries = 0; tries < 200; tries++) {
    const mail = (await mailbox()).filter((m) => m.destination.to.includes(address) && subject.test(m.subject));
    if (mail.length) return mail.at(-1)!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${address} matching ${subject}`);
}

const digestCli = (args: string[]) => runTs("packages/local/src/cli/digest.ts", args, env);

async function signIn(page: Page) {
  await page.getByLabel("Your email address").fill(EDITOR);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("status").waitFor();
  const link = /(http\S+\/admin\/sign-in\?token=[\w-]+)/.exec((await arrived(EDITOR, /^Sign in/)).body.text!)![1]!;
  await page.goto(link);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole("button", { name: "Sign in" }).click()]);
}

/** The theme heading a story is listed under on a desk digest page. */
const themeOnPage = (page: Page, title: string) =>
  page.locator("li.story", { hasText: title }).evaluate((li) => li.closest("ul")!.previousElementSibling!.textContent);

const htmlSections = (mail: SentEmail) =>
  load(mail.body.html ?? "")("h2.theme-heading")
    .map((_, h) => load(h).text())
    .get();

describe("reviewing a digest in Chromium (REVIEW=on)", () => {
  it("draft link by email, move, drop, note, approve; readers get exactly that; the move teaches later weeks", async () => {
    expect(start.output()).toContain("as drafts for review (REVIEW=on)");
    const run = digestCli(["--week", week, "--send"]);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("Not sent: the editors (editor@tidings.localhost) were emailed a link");

    const request = await arrived(EDITOR, /^To review/);
    const reviewLink = new RegExp(`${app}/admin/digests/${week}`).exec(request.body.text!)![0];
    expect((await fetch(`${app}/digests/${week}.json`)).status).toBe(404); // a draft is not public

    const context = await browser.newContext();
    const page = await context.newPage();
    const { problems } = watchPage(page);
    await placeholderImages(page);
    await page.goto(reviewLink);
    await signIn(page);
    await page.goto(reviewLink);
    expect(await page.locator("h1").textContent()).toBe(`Digest ${week}`);
    // The email itself, in its frame.
    const frame = page.frameLocator("iframe.email-frame");
    await expect(frame.locator("h2.theme-heading").first().textContent()).resolves.toBeTruthy();

    const zorblax = "Zorblax unveils photonic interposer";
    const from = await themeOnPage(page, zorblax);
    const themes = await page.locator("li.story", { hasText: zorblax }).locator("select option").allTextContents();
    const to = themes.find((t) => t !== from && t !== "More news")!;
    const story = page.locator("li.story", { hasText: zorblax });
    await story.getByLabel("Theme").selectOption(to);
    await Promise.all([page.waitForURL(/done=move/), story.getByRole("button", { name: /^Move/ }).click()]);
    expect(await page.getByRole("status").textContent()).toContain("moved");
    expect(await themeOnPage(page, zorblax)).toBe(to);

    const dropped = (await page.locator(`li.story:not(:has-text("Zorblax")) > a`).first().textContent())!;
    const dropForm = page.locator("li.story", { hasText: dropped });
    await Promise.all([page.waitForURL(/done=drop/), dropForm.getByRole("button", { name: /^Drop/ }).click()]);
    // A second tab left open on the draft: its forms go stale once the digest is approved.
    const stalePage = await context.newPage();
    await stalePage.goto(reviewLink);

    await page.getByLabel("Editor's note").fill("This week: **light** in chips.\n\n- photonics\n- memory");
    await Promise.all([
      page.waitForURL(/done=note/),
      page.getByRole("button", { name: "Save subject and note" }).click(),
    ]);
    await expect(frame.locator(".note-box strong").textContent()).resolves.toBe("light");

    await Promise.all([
      page.waitForURL(/done=approve/),
      page.getByRole("button", { name: "Approve and send to every reader" }).click(),
    ]);

    // Delivered by the running app: every reader, exactly this digest.
    const edited = (await (await page.request.get(`${app}/digests/${week}.json`)).json()) as {
      sections: { theme: string; items: { title: string }[] }[];
    };
    const inTheme = (title: string) => edited.sections.find((s) => s.items.some((i) => i.title.startsWith(title)));
    expect(inTheme(zorblax)?.theme).toBe(to);
    expect(inTheme(dropped)).toBeUndefined();
    for (const reader of readers) {
      const mail = await arrived(reader.email);
      expect(htmlSections(mail)).toEqual(edited.sections.map((s) => s.theme));
      expect(mail.body.html).toContain("This week: <strong>light</strong> in chips.");
      expect(mail.body.text).toContain("This week: light in chips.\n\n- photonics\n- memory");
      expect(mail.body.text).toContain(zorblax);
      expect(mail.body.text).not.toContain(dropped);
    }

    // Final: the desk says so, a stale form gets 409 with the reason, so does the API.
    await page.goto(reviewLink);
    expect(await page.locator(".notice.final").textContent()).toContain("This digest is final");
    expect(await page.locator("form[action*='/items/']").count()).toBe(0);
    const [stale] = await Promise.all([
      stalePage.waitForResponse((r) => r.request().method() === "POST"),
      stalePage.locator("li.story", { hasText: zorblax }).getByRole("button", { name: /^Drop/ }).click(),
    ]);
    expect(stale.status()).toBe(409);
    expect(await stalePage.locator("h1").textContent()).toBe("Too late to change");
    expect(await stalePage.locator("main").textContent()).toContain("is being sent or was sent");
    await stalePage.close();
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByLabel("Name").fill("review check");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.locator(".key").textContent())!.trim();
    const patch = await fetch(`${app}/api/v1/digests/${week}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ note: "too late" }),
    });
    expect(patch.status).toBe(409);

    // The move is a correction, and the next build of a later week uses it.
    await page.goto(`${app}/admin/corrections`);
    expect(await page.locator("tbody").textContent()).toContain(`moved from ${from} to ${to}`);
    const later = "Zorblax photonic interposer reaches first customers";
    await page.goto(`${app}/admin/digests/2026-W21`);
    expect(await themeOnPage(page, later)).toBe(from); // built by npm start, before the correction
    const rebuild = digestCli(["--week", "2026-W21", "--rebuild"]);
    expect(await rebuild.exited).toBe(0);
    await page.reload();
    expect(await themeOnPage(page, later)).toBe(to);
    expect(await page.locator("li.story", { hasText: later }).locator(".help").last().textContent()).toMatch(
      /by the words .*zorblax/i,
    );

    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
