/**
 * Choosing themes in Chromium, as a new reader would: sign up on the landing page, confirm from
 * the email, open the preference center from the welcome page, keep two themes and save; the
 * next digest in the local mailbox holds exactly those two sections, in HTML and in text. A reader
 * who kept every theme gets every section.
 */
import { load } from "cheerio";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendInProcess } from "@tidings/core/send/in-process";
import { launchBrowser, watchPage } from "../support/browser.ts";
import { placeholderImages, serveSeededApp, type SeededApp } from "../support/seeded-app.ts";
import type { SentEmail } from "../support/services.ts";

let app: SeededApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([serveSeededApp(), launchBrowser()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The newest message to `address` whose subject matches, polling until it arrives (10 s at most). */
async function arrived(address: string, subject: RegExp): Promise<SentEmail> {
  for (let tries = 0; tries < 100; tries++) {
    const mail = (await app.services.mailbox()).filter(
      (m) => m.destination.to.includes(address) && subject.test(m.subject),
    );
    if (mail.length) return mail.at(-1)!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${address} matching ${subject}`);
}

/** Signs up on the landing page and confirms from the email: the welcome page is open. */
async function signUpAndConfirm(page: Page, address: string) {
  await page.goto(`${app.url}/`);
  await page.getByLabel("Your email address").fill(address);
  await Promise.all([page.waitForURL(`${app.url}/subscribe`), page.getByRole("button", { name: "Subscribe" }).click()]);
  const mail = await arrived(address, /^Confirm your subscription/);
  await page.goto(load(mail.body.html ?? "")("a[href*='/confirm?token=']").attr("href")!);
  expect(await page.locator("h1").textContent()).toBe("Welcome aboard");
}

const htmlSections = (mail: SentEmail) =>
  load(mail.body.html ?? "")("h2.theme-heading")
    .map((_, h) => load(h).text())
    .get();
const textSections = (mail: SentEmail) => [...(mail.body.text ?? "").matchAll(/^(.+)\n=+$/gm)].map((m) => m[1]);

describe("choosing themes in Chromium", () => {
  it("a reader who keeps two themes gets exactly those two sections; one who keeps all gets all", async () => {
    // The week of the seed feed with the most themes is the one sent next.
    const byWeek = await Promise.all(
      app.weeks.map(async (week) => {
        const json = (await (await fetch(`${app.url}/digests/${week}.json`)).json()) as {
          sections: { theme: string }[];
        };
        return { week, themes: json.sections.map((s) => s.theme) };
      }),
    );
    const { week, themes: inDigest } = byWeek.reduce((a, b) => (b.themes.length > a.themes.length ? b : a));
    expect(inDigest.length).toBeGreaterThan(2); // two kept, at least one left out

    const page = await browser.newPage();
    const { problems } = watchPage(page);
    await placeholderImages(page);
    await signUpAndConfirm(page, "chooser@example.com");
    await Promise.all([
      page.waitForURL(/\/preferences\?token=/),
      page.getByRole("link", { name: /topics|preferences/i }).click(),
    ]);
    expect(await page.locator("h1").textContent()).toBe("Your preferences");
    const boxes = page.getByRole("checkbox");
    expect(await boxes.count()).toBeGreaterThan(inDigest.length - 1);
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(true);

    // Keep the second and third themes of this week's digest: untick every other box, by its label.
    const kept = [inDigest[1]!, inDigest[2]!];
    for (const box of await boxes.all()) {
      const label = (await page.locator(`label[for="${await box.getAttribute("id")}"]`).textContent())!.trim();
      if (!kept.includes(label)) await box.uncheck();
    }
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Save my topics" }).click()]);
    await page.waitForLoadState("load");
    expect(await page.getByRole("status").textContent()).toContain("Saved");
    const ticked = await page
      .locator("input[name=themes]:checked")
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(ticked.sort()).toEqual([...kept].sort());

    // A second reader keeps every theme (opens the preferences, saves without changing anything).
    await signUpAndConfirm(page, "keeper@example.com");
    await page.getByRole("link", { name: /topics|preferences/i }).click();
    await page.waitForURL(/\/preferences\?token=/);
    await page.getByRole("button", { name: "Save my topics" }).click();
    await page.waitForLoadState("load");
    expect(problems).toEqual([]);
    await page.close();

    // The next digest goes out (as `npm run digest -- --send` does).
    await sendInProcess(app.services.ctx, week, { retryDelayMs: 5 });
    const chooser = await arrived("chooser@example.com", /^Tidings: Semiconductors/);
    expect(htmlSections(chooser)).toEqual(kept);
    expect(textSections(chooser)).toEqual(kept);
    const keeper = await arrived("keeper@example.com", /^Tidings: Semiconductors/);
    expect(htmlSections(keeper)).toEqual(inDigest);
    expect(textSections(keeper)).toEqual(inDigest);
    // Both copies carry the reader's own preferences link in the footer.
    for (const mail of [chooser, keeper]) {
      const $ = load(mail.body.html ?? "");
      expect(
        $("a")
          .filter((_, a) => /preferences|topics/i.test($(a).text()))
          .attr("href"),
      ).toMatch(new RegExp(`^${app.url}/preferences\\?token=`));
    }
  });
});
