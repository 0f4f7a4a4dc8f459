/**
 * The README's screenshots: the app over the seed feed (the same setup as
 * test/digest/browser.test.ts), photographed full-page in Chromium at desktop width.
 * Thumbnails show the placeholder picture: their CDN is out of reach here.
 *
 *   npx tsx test/screenshots/take.ts
 */
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../support/browser.ts";
import { placeholderImages, serveSeededApp } from "../support/seeded-app.ts";

const shots = [
  { path: "/", file: "landing.png" },
  { path: "/digests/2026-W20", file: "digest-2026-W20.png" },
];
// `--dark` takes them in dark mode, as *-dark.png, to look at (the committed images are light).
const colorScheme = process.argv.includes("--dark") ? "dark" : "light";

const served = await serveSeededApp();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, colorScheme });
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
