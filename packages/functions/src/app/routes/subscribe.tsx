import { Hono, type Context as HonoContext } from "hono";
import { validator } from "hono/validator";
import { z } from "zod";
import { TidingsError } from "@tidings/core/error";
import { EmailAddress } from "@tidings/core/subscription/address";
import { undeliverableReason } from "@tidings/core/subscription/deliverable";
import { requestSubscription } from "@tidings/core/subscription/subscribe";
import { themes } from "@tidings/core/theme/themes";
import type { AppEnv } from "../env.ts";
import { sentJson, wantsJson } from "../negotiate.ts";
import { CheckInboxPage, LandingPage, SignupFormId } from "../pages/subscription.tsx";

const SignupInput = z.object({
  email: EmailAddress,
  /** The honeypot: people never see it, naive bots fill it. */
  website: z.string().optional(),
  form: SignupFormId.optional().catch(() => undefined),
});

/**
 * Form or JSON `{ email }` in. Not an address: a browser gets the form back (400) with the
 * reason and what was typed; an API caller the error, from the one error handler.
 */
const signupInput = validator("form", async (form, c) => {
  const raw: unknown = sentJson(c) ? await c.req.json().catch(() => undefined) : form;
  const parsed = SignupInput.safeParse(raw ?? {});
  const undeliverable =
    parsed.success && undeliverableReason(parsed.data.email, { localStack: !c.var.ctx.config.onAws });
  if (parsed.success && !undeliverable) return parsed.data;
  const reason = undeliverable || (parsed.error?.issues[0]?.message ?? "That does not look like an email address.");
  if (wantsJson(c)) throw new TidingsError("invalid", "subscription.invalid_email", reason);
  const typed = typeof (raw as { email?: unknown })?.email === "string" ? (raw as { email: string }).email : "";
  // Whatever was typed goes back into the field, escaped by JSX, so it can be corrected.
  return c.html(<LandingPage themes={themes().list} latestWeek={undefined} error={reason} value={typed} />, 400);
});

const answer = (c: HonoContext<AppEnv>, email: string) =>
  wantsJson(c)
    ? c.json({
        status: "check_inbox",
        message: "If this address is not subscribed yet, a confirmation email is on its way.",
      })
    : c.html(<CheckInboxPage email={email} />);

export const subscribe = new Hono<AppEnv>().post("/", signupInput, async (c) => {
  const input = c.req.valid("form");
  const { ctx, clientAddress } = c.var;
  if (input.website) {
    ctx.log.info("signup: honeypot filled, ignored", { client: clientAddress });
    return answer(c, input.email);
  }
  const now = c.var.now();
  const consent = {
    at: now.toISOString(),
    clientAddress,
    userAgent: (c.req.header("user-agent") ?? "").slice(0, 512),
    form: input.form ?? (sentJson(c) ? "api" : "unknown"),
  };
  // A refusal (a rate limit: 429 with Retry-After) is answered by the one error handler.
  await requestSubscription(ctx, c.var.confirmations, { email: input.email, consent }, now);
  return answer(c, input.email);
});
