/**
 * How long POST /subscribe takes for a new address against an active or a suppressed one: the
 * gap is what a stranger could time to learn who is subscribed. Ours hands the confirmation email
 * to the outbox (sent after the answer); the peers are the path it replaced, the email sent
 * before answering: with the MJML rendered once per process, and rendered per email as before.
 * Local dynalite and SES in this process; the outbox is drained between requests, untimed.
 */
import { performance } from "node:perf_hooks";
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Context } from "@tidings/core/context";
import { sendEmailInput } from "@tidings/core/send/message";
import { takeConfirmation } from "@tidings/core/store/signup-claims";
import { activateSubscriber } from "@tidings/core/store/subscriber-state";
import { EmailAddress } from "@tidings/core/subscription/address";
import { confirmationEmail } from "@tidings/core/subscription/confirmation-email";
import {
  deliverConfirmation,
  localConfirmationOutbox,
  type ConfirmationOutbox,
} from "@tidings/core/subscription/confirmation-outbox";
import { confirmUrl } from "@tidings/core/subscription/links";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { applySesEvent, sampleSesEvent } from "@tidings/core/subscription/suppression";
import { createApp } from "@tidings/functions/app/app";
import { startTestServices } from "../support/services.ts";

const ROUNDS = 40;
const now = new Date("2026-05-18T09:00:00Z");
let client = 0;

/** The old path: render the MJML for this email, then send it, all before answering. */
function renderPerEmail(ctx: Context): ConfirmationOutbox {
  return {
    async enqueue([message]) {
      const due = await takeConfirmation(ctx.db, message!.subscriberId);
      if (!due) return;
      const url = confirmUrl(ctx.config, { id: message!.subscriberId }, now);
      const email = await confirmationEmail({ confirmUrl: url, postalAddress: ctx.config.postalAddress });
      const input = sendEmailInput(email, { from: ctx.config.sender, to: due.email, unsubscribeUrl: null });
      await ctx.ses.send(new SendEmailCommand(input));
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function bench(): Promise<void> {
  const services = await startTestServices();
  const { ctx } = services;
  try {
    const outbox = localConfirmationOutbox(ctx, () => now);
    const paths: { name: string; confirmations: ConfirmationOutbox; settle(): Promise<void> }[] = [
      { name: "outbox (ours)", confirmations: outbox, settle: () => outbox.drained() },
      {
        name: "inline, MJML rendered once",
        confirmations: { enqueue: async ([m]) => void (await deliverConfirmation(ctx, m!, now)) },
        settle: async () => {},
      },
      { name: "inline, MJML per email (before)", confirmations: renderPerEmail(ctx), settle: async () => {} },
    ];
    const rows: string[] = [];
    for (const [p, path] of paths.entries()) {
      const app = createApp({
        ctx,
        confirmations: path.confirmations,
        clientAddress: () => `10.${p}.${Math.floor(++client / 250)}.${client % 250}`,
        now: () => now,
      });
      const post = async (email: string) => {
        const t = performance.now();
        const res = await app.request("/subscribe", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email }).toString(),
        });
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`POST /subscribe answered ${res.status}`);
        await path.settle();
        return ms;
      };
      // Addresses in each state; a fresh one per request, so no limit or 10-minute rule applies.
      const active = Array.from({ length: ROUNDS }, (_, i) => `bench-active-${p}-${i}@example.com`);
      const suppressed = Array.from({ length: ROUNDS }, (_, i) => `bench-bounced-${p}-${i}@example.com`);
      for (const address of active) {
        await post(address);
        const id = await subscriberId(ctx, EmailAddress.parse(address));
        await activateSubscriber(ctx.db, id, { at: now.toISOString(), clientAddress: "x", userAgent: "bench" });
      }
      for (const address of suppressed) await applySesEvent(ctx, sampleSesEvent("bounce", address, now), now);
      for (let i = 0; i < 5; i++) await post(`bench-warm-${p}-${i}@example.com`);

      const times = { new: [] as number[], active: [] as number[], suppressed: [] as number[] };
      for (let i = 0; i < ROUNDS; i++) {
        times.new.push(await post(`bench-new-${p}-${i}@example.com`));
        times.active.push(await post(active[i]!));
        times.suppressed.push(await post(suppressed[i]!));
      }
      const [n, a, s] = [median(times.new), median(times.active), median(times.suppressed)];
      rows.push(
        `| ${path.name.padEnd(32)} | ${n.toFixed(1).padStart(7)} | ${a.toFixed(1).padStart(7)} | ${s.toFixed(1).padStart(10)} | ${(n / a).toFixed(2).padStart(12)} |`,
      );
    }
    console.log(`POST /subscribe, median ms over ${ROUNDS} requests per state (local dynalite + SES)\n`);
    console.log(`| path                             | new     | active  | suppressed | new / active |`);
    console.log(`|----------------------------------|---------|---------|------------|--------------|`);
    for (const row of rows) console.log(row);
  } finally {
    await services.close();
  }
}
