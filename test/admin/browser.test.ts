/**
 * The desk as a new editor meets it, in Chromium: `npm start` (own ports and data directory), the
 * admin URL it prints, sign in with the link from the local mailbox, the dashboard, a CSV of
 * readers imported, the readers exported, a feed added after its preview.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, watchPage } from "../support/browser.ts";
import { freePort, runTs, type Running } from "../support/processes.ts";

const atom = fileURLToPath(new URL("../fixtures/feeds/corpus/rsparser__russcox.atom", import.meta.url));
let browser: Browser;
let start: Running;
let env: Record<string, string>;

beforeAll(async () => {
  const [app, dynamodb, ses] = await Promise.all([freePort(), freePort(), freePort()]);
  env = {
    PORT: String(app),
    PUBLIC_URL: `http://127.0.0.1:${app}`,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamodb}`,
    SES_ENDPOINT: `http://127.0.0.1:${ses}`,
    TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "tidings-desk-")),
  };
  start = runTs("packages/local/src/cli/start.ts", [], env);
  [browser] = await Promise.all([launchBrowser(), start.waitFor("Press Ctrl-C to stop.", 90_000)]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await start?.stop();
});

/** The newest message to `address` in the local SES's store, polling until one arrives. */
async function newestMail(address: string): Promise<{ body: { text?: string } }> {
  for (let tries = 0; tries < 100; tries++) {
    const { emails } = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text?: string } }[];
    };
    const mail = emails.filter((m) => m.destination.to.includes(address)).at(-1);
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${address}`);
}

describe("the desk in Chromium", () => {
  it("sign in from the mailbox, dashboard, import, export, add a feed", async () => {
    const printed = /Admin {5}(\S+)\s+\(sign in as ([^;]+);/.exec(start.output());
    expect(printed?.[2]).toBe("editor@tidings.localhost");
    const adminUrl = printed![1]!.replace("localhost", "127.0.0.1");

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const { problems } = watchPage(page);

    await page.goto(adminUrl);
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
    await page.getByLabel("Your email address").fill("editor@tidings.localhost");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("If this address belongs to an editor");

    const link = /(http\S+\/admin\/sign-in\?token=[\w-]+)/.exec(
      (await newestMail("editor@tidings.localhost")).body.text ?? "",
    )![1]!;
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/admin$/);
    expect(await page.locator("h1").textContent()).toBe("Dashboard");
    expect(await page.locator("svg[role=img] title").first().textContent()).toBe(
      "Active readers per week, last six months",
    );
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "tidings_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });

    const csv = join(env.TIDINGS_DATA_DIR!, "readers.csv");
    writeFileSync(
      csv,
      "email,name\nann@example.com,Ann\nBOB@example.com,Bob\nbob@example.com,Bob again\nnot an address,X\n",
    );
    await page.getByRole("link", { name: "Subscribers" }).click();
    await page.locator("input[type=file]").setInputFiles(csv);
    await page.getByLabel(/Confirmed: I attest/).check();
    await page.getByRole("button", { name: "Import" }).click();
    expect(await page.locator("h1").textContent()).toBe("Import done");
    const cards = await page.locator(".cards li").allTextContents();
    expect(cards).toEqual([
      "Imported2",
      "Already subscribed0",
      "Skipped: unsubscribed0",
      "Skipped: suppressed0",
      "Duplicates1",
      "Invalid1",
    ]);
    expect(await page.locator("table").textContent()).toContain("5");

    await page.getByRole("link", { name: "Back to the subscribers" }).click();
    expect(await page.locator("tbody").textContent()).toContain("ann@example.com");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Export every reader/ }).click(),
    ]);
    const exported = readFileSync((await download.path())!, "utf8")
      .trim()
      .split("\r\n");
    expect(exported[0]).toMatch(/^email,state,/);
    expect(exported.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual([
      "ann@example.com,active",
      "BOB@example.com,active",
    ]);

    await page.getByRole("link", { name: "Feeds" }).click();
    await page.getByLabel(/The feed's address/).fill(atom);
    await page.getByRole("button", { name: "Fetch and preview" }).click();
    expect(await page.locator("h1").textContent()).toContain("research!rsc");
    await page.getByRole("button", { name: "Add this feed" }).click();
    expect(await page.getByRole("status").textContent()).toContain("added");
    expect(await page.locator("table").first().textContent()).toContain("research!rsc");

    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
