/**
 * The README's screenshots: the app over the seed feed (the same setup as
 * test/digest/browser.test.ts), photographed full-page in Chromium at desktop width.
 * Thumbnails show the placeholder picture: their CDN is out of reach here. The desk's pages are
 * taken signed in, after six months of readers (test/support/desk-data.ts) and a real send.
 *
 *   npx tsx test/screenshots/take.ts
 */
import { fileURLToPath } from "node:url";
import { startSession } from "@tidings/core/admin/sessions";
import { prepareInstallation } from "@tidings/core/admin/setup";
import { sendInProcess } from "@tidings/core/send/in-process";
import { launchBrowser } from "../support/browser.ts";
import { seedReaderHistory } from "../support/desk-data.ts";
import { placeholderImages, serveSeededApp } from "../support/seeded-app.ts";

const shots = [
  { path: "/", file: "landing.png" },
  { path: "/digests/2026-W20", file: "digest-2026-W20.png" },
  { path: "/admin", file: "desk-dashboard.png" },
  { path: "/admin/subscribers?q=ben", file: "desk-subscribers.png" },
];
// `--dark` takes them in dark mode, as *-dark.png, to look at (the committed images are light).
const colorScheme = process.argv.includes("--dark") ? "dark" : "light";

const served = await serveSeededApp();
const browser = await launchBrowser();
try {
  const { ctx } = served.services;
  await prepareInstallation(ctx); // the registry seeded from FEEDS, as npm start does
  await seedReaderHistory(ctx, new Date());
  await sendInProcess(ctx, "2026-W21", { consumers: 2 });
  const { token } = await startSession(
    ctx,
    "editor@tidings.localhost",
    { clientAddress: "127.0.0.1", userAgent: "screenshots" },
    new Date(),
  );
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, colorScheme });
  await context.addCookies([{ name: "tidings_session", value: token, url: served.url }]);
  for (const shot of shots) {
    const page = await context.newPage();
    await placeholderImages(page);
    await page.goto(served.url + shot.path, { waitUntil: "load" });
    const file = shot.file.replace(".png", colorScheme === "dark" ? "-dark.png" : ".png");
    const out = fileURLToPath(new URL(file, import.meta.url));
    await page.screenshot({ path: out, fullPage: true });
    process.stdout.write(`${out}\n`);
    await page.close();
  }
} finally {
  await browser.close();
  await served.close();
}
