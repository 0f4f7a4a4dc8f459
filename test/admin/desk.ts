/**
 * The real app over real local services for the desk's tests: a clock the test moves, the
 * in-process outboxes (drained before the mailbox is read), and helpers that sign an editor in
 * through the emailed link, as a browser would, and post the desk's forms with their CSRF token.
 */
import { afterAll, beforeAll } from "vitest";
import { startSession } from "@tidings/core/admin/sessions";
import { localSignInOutbox } from "@tidings/core/admin/sign-in-mail";
import { localDeliveries } from "@tidings/core/send/start";
import { localConfirmationOutbox } from "@tidings/core/subscription/confirmation-outbox";
import { createApp } from "@tidings/functions/app/app";
import { startTestServices, type SentEmail, type TestServices } from "../support/services.ts";

export const EDITOR = "editor@tidings.localhost";
/** What a browser on the app's own pages sends with a form post. */
export const SAME_ORIGIN = { origin: "http://localhost", "sec-fetch-site": "same-origin" };

export interface Signed {
  cookie: string;
  csrf: string;
}

export function useDesk(env: Record<string, string> = {}) {
  let services: TestServices;
  let now = new Date("2026-05-25T09:00:00Z").getTime();
  let app: ReturnType<typeof createApp>;
  let confirmations: ReturnType<typeof localConfirmationOutbox>;
  let deskMail: ReturnType<typeof localSignInOutbox>;
  let deliveries: ReturnType<typeof localDeliveries>;
  let clients = 0;
  beforeAll(async () => {
    services = await startTestServices(env);
    confirmations = localConfirmationOutbox(services.ctx, () => new Date(now));
    deskMail = localSignInOutbox(services.ctx, () => new Date(now));
    deliveries = localDeliveries(services.ctx);
    app = createApp({
      ctx: services.ctx,
      confirmations,
      deskMail,
      deliveries,
      clientAddress: (c) => c.req.header("x-test-client") ?? "203.0.113.50",
      now: () => new Date(now),
    });
  });
  afterAll(async () => {
    // nothing in flight when the services close
    await Promise.all([deskMail?.drained(), confirmations?.drained(), deliveries?.drained()]);
    await services?.close();
  });

  const bed = {
    get services() {
      return services;
    },
    get ctx() {
      return services.ctx;
    },
    get app() {
      return app;
    },
    now: () => new Date(now),
    advance: (ms: number) => void (now += ms),
    /** A client address of its own (its own rate-limit budget). */
    client: (): string => `192.0.2.${++clients}`,
    async mailbox(): Promise<SentEmail[]> {
      await deskMail.drained();
      await confirmations.drained();
      await deliveries.drained();
      return services.mailbox();
    },
    /** Resolves when every delivery an approval started is done. */
    delivered: () => deliveries.drained(),
    /** Asks for a sign-in link and returns the link's path from the email (undefined: no email came). */
    async requestLink(email: string = EDITOR, client: string = bed.client()): Promise<string | undefined> {
      await services.clearMailbox();
      const res = await app.request("/admin/sign-in", {
        method: "POST",
        headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded", "x-test-client": client },
        body: new URLSearchParams({ email }).toString(),
      });
      if (res.status !== 200) throw new Error(`sign-in request answered ${res.status}`);
      const mail = (await bed.mailbox()).filter((m) => m.destination.to.includes(email));
      const link = /http:\/\/localhost:3000(\/admin\/sign-in\?token=[\w-]+)/.exec(mail.at(-1)?.body.text ?? "")?.[1];
      return link;
    },
    /** Presses the link page's button: the response (a session cookie and a redirect, or a refusal). */
    async pressLink(path: string): Promise<Response> {
      const token = new URL(path, "http://localhost").searchParams.get("token") ?? "";
      return app.request("/admin/sign-in/link", {
        method: "POST",
        headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token }).toString(),
      });
    },
    /** Signs an editor in the whole way (request, email, button) and reads the session's CSRF token. */
    async signIn(email = EDITOR): Promise<Signed> {
      const link = await bed.requestLink(email);
      if (!link) throw new Error("no sign-in email");
      const res = await bed.pressLink(link);
      const cookie = /tidings_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
      if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
      const page = await (await app.request("/admin", { headers: { cookie } })).text();
      const csrf = /name="_csrf" value="([\w-]+)"/.exec(page)?.[1];
      if (!csrf) throw new Error("no CSRF token on the dashboard");
      return { cookie, csrf };
    },
    /**
     * A session started directly (core's startSession), for tests about what a session may do:
     * the emailed link is per-address rate limited, and its own tests walk it.
     */
    async session(email = EDITOR): Promise<Signed> {
      const { token, session } = await startSession(
        services.ctx,
        email,
        { clientAddress: "192.0.2.250", userAgent: "vitest" },
        new Date(now),
      );
      return { cookie: `tidings_session=${token}`, csrf: session.csrf };
    },
    get: (path: string, who?: Signed) => app.request(path, { headers: who ? { cookie: who.cookie } : {} }),
    /** A desk form post, with the session's CSRF token unless `fields._csrf` says otherwise. */
    post(
      path: string,
      who: Signed | undefined,
      fields: Record<string, string> = {},
      headers: Record<string, string> = SAME_ORIGIN,
    ) {
      const body = new URLSearchParams({ ...(who ? { _csrf: who.csrf } : {}), ...fields });
      return app.request(path, {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/x-www-form-urlencoded",
          ...(who ? { cookie: who.cookie } : {}),
        },
        body: body.toString(),
      });
    },
    /** An API request with a bearer key. */
    api(path: string, key: string | undefined, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      if (key) headers.set("authorization", `Bearer ${key}`);
      return app.request(`/api/v1${path}`, { ...init, headers });
    },
  };
  return bed;
}
