/**
 * The one Hono app: served by @hono/node-server locally (`npm start`) and by hono/aws-lambda
 * on AWS. Each resource is a route file mounted here.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { except } from "hono/combine";
import { etag } from "hono/etag";
import { secureHeaders } from "hono/secure-headers";
import { TidingsError } from "@tidings/core/error";
import { localSignInOutbox } from "@tidings/core/admin/sign-in-mail";
import { localDeliveries } from "@tidings/core/send/start";
import { localConfirmationOutbox } from "@tidings/core/subscription/confirmation-outbox";
import type { AppDeps, AppEnv } from "./env.ts";
import { notFound, onError } from "./errors.tsx";
import { digestCache } from "./digest-pages.ts";
import { noStoreWhereNeverCached } from "./http-cache.ts";
import { archiveFeedRoute } from "./routes/archive-feed.ts";
import { allowedMethods, headChangesNothing } from "./safe-methods.ts";
import { sameOriginForms } from "./same-origin-forms.ts";
import { assets } from "./routes/assets.ts";
import { api } from "./routes/api/index.ts";
import { desk } from "./routes/admin/index.ts";
import { confirm } from "./routes/confirm.tsx";
import { isImport } from "./routes/imports.ts";
import { digestRoutes } from "./routes/digests.tsx";
import { health } from "./routes/health.ts";
import { home } from "./routes/home.tsx";
import { preferences } from "./routes/preferences.tsx";
import { subscribe } from "./routes/subscribe.tsx";
import { unsubscribe } from "./routes/unsubscribe.tsx";

/** Forms and JSON bodies here are tiny; anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * @example
 * const app = createApp({ ctx: createContext(), clientAddress: lambdaClientAddress });
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const confirmations = deps.confirmations ?? localConfirmationOutbox(deps.ctx, deps.now);
  const deskMail = deps.deskMail ?? localSignInOutbox(deps.ctx, deps.now);
  const deliveries = deps.deliveries ?? localDeliveries(deps.ctx);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "https:", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "strict-origin-when-cross-origin",
      crossOriginEmbedderPolicy: false,
      // A route may set a stricter or narrower header of its own (the digest pages' CSP, the
      // token pages' `Referrer-Policy: no-referrer`).
      overwrite: false,
    }),
  );
  app.use(
    // A CSV import has its own, larger limit (routes/imports.ts).
    except(
      isImport,
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new TidingsError(
            "too_large",
            "http.body_too_large",
            `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
          );
        },
      }),
    ),
  );
  app.use(async (c, next) => {
    // Deployed without PUBLIC_URL, the app's links point at the address it was reached by.
    const { ctx } = deps;
    const publicUrl = ctx.config.publicUrl || new URL(c.req.url).origin;
    c.set("ctx", publicUrl === ctx.config.publicUrl ? ctx : { ...ctx, config: { ...ctx.config, publicUrl } });
    c.set("confirmations", confirmations);
    c.set("deskMail", deskMail);
    c.set("deliveries", deliveries);
    c.set("clientAddress", deps.clientAddress(c));
    c.set("now", deps.now ?? (() => new Date()));
    await next();
  });
  app.use(headChangesNothing);
  app.use(sameOriginForms);
  // Public pages revalidate with strong ETags (a bodiless 304); personal ones are never cached.
  app.use(noStoreWhereNeverCached);
  for (const path of ["/", "/digests", "/digests/*", "/digests.xml"]) app.use(path, etag());
  const digests = digestCache();
  app.route("/health", health);
  app.route("/assets", assets);
  app.route("/", home);
  app.route("/subscribe", subscribe);
  app.route("/confirm", confirm);
  app.route("/unsubscribe", unsubscribe);
  app.route("/preferences", preferences);
  app.route("/digests", digestRoutes(digests));
  app.route("/digests.xml", archiveFeedRoute(digests));
  app.route("/admin", desk);
  app.route("/api/v1", api);
  const methodNotAllowed = allowedMethods(app);
  app.notFound((c) => methodNotAllowed(c) ?? notFound(c));
  app.onError(onError);
  return app;
}
