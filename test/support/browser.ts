/**
 * Browser tests: Debian's Chromium driven by playwright-core, and the real app served over HTTP
 * on a free port, backed by test services.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { serveApp } from "@tidings/local/serve";
import { freePort } from "./processes.ts";
import { startTestServices, type TestServices } from "./services.ts";

/** Debian's Chromium (what .ci/run installs); set CHROMIUM_PATH to use another Chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Collects what a page reports as wrong: console errors (CSP violations appear there), uncaught
 * exceptions, and failed requests.
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 500) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { problems };
}

export interface ServedApp {
  /** e.g. http://127.0.0.1:41234 (also the services' PUBLIC_URL, so emailed links point here). */
  url: string;
  services: TestServices;
  close(): Promise<void>;
}

/** The real app on a free port, over fresh test services whose PUBLIC_URL is that port. */
export async function serveTestApp(env: Record<string, string> = {}): Promise<ServedApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const services = await startTestServices({ PUBLIC_URL: url, ...env });
  let server: Server;
  try {
    server = await serveApp(services.ctx, port, "127.0.0.1");
  } catch (e) {
    await services.close();
    throw e;
  }
  if ((server.address() as AddressInfo).port !== port) throw new Error("served on an unexpected port");
  return {
    url,
    services,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await services.close();
    },
  };
}
