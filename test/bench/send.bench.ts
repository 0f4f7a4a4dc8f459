/**
 * Sending a digest to 10,000 local subscribers: the whole pipeline (fan-out through the
 * in-process queue, a claim and a completion write per reader, personalisation, SendEmail with
 * both headers) against bare loops of SendEmail to the same local SES, in the same run: one call
 * at a time (the plain loop), and with as many calls in flight as the pipeline keeps.
 * The services run in a process of their own, as under `npm start` while `npm run digest --
 * --send` sends, and the pipeline's consumers in worker threads, as that command runs them. Target: the pipeline keeps at least 60% of the bare loop's rate.
 */
import { availableParallelism } from "node:os";
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { sendWorkers } from "@tidings/local/send-workers";
import { mapLimit } from "@tidings/core/async/map-limit";
import { defaultDelivery } from "@tidings/core/send/deliver";
import { sendInProcess } from "@tidings/core/send/in-process";
import { sendEmailInput } from "@tidings/core/send/message";
import { readConfig } from "@tidings/core/config";
import { createContext } from "@tidings/core/context";
import { ensureTable } from "@tidings/core/store/db";
import { startServicesProcess } from "../support/services-child.ts";
import { addReaders, storeDigest } from "../support/sending.ts";

const READERS = 10_000;

export default async function bench() {
  const { dynamodbEndpoint, sesEndpoint, process: services } = await startServicesProcess();
  try {
    const ctx = createContext(
      readConfig({
        DYNAMODB_ENDPOINT: dynamodbEndpoint,
        SES_ENDPOINT: sesEndpoint,
        TABLE_NAME: "bench",
        TOKEN_SECRET: "bench",
      }),
    );
    await ensureTable(ctx.db);
    const clearMailbox = () => fetch(`${sesEndpoint}/clear-store`, { method: "POST" });
    process.stdout.write(`seeding ${READERS} active subscribers… `);
    const readers = await addReaders(ctx, READERS, "bench");
    const digest = await storeDigest(ctx.db, "2026-W20");
    process.stdout.write("done\n\n");
    const input = (to: string) =>
      sendEmailInput(digest, { from: ctx.config.sender, to, unsubscribeUrl: `${ctx.config.publicUrl}/unsubscribe` });

    const rate = async (run: () => Promise<unknown>) => {
      await clearMailbox(); // the local SES keeps every message in memory
      const start = performance.now();
      await run();
      return READERS / ((performance.now() - start) / 1000);
    };
    const inFlight = ctx.config.sendConsumers * defaultDelivery.concurrency;
    const plain = await rate(async () => {
      for (const r of readers) await ctx.ses.send(new SendEmailCommand(input(r.email)));
    });
    const parallel = await rate(() =>
      mapLimit(readers, inFlight, (r) => ctx.ses.send(new SendEmailCommand(input(r.email)))),
    );
    let sent = 0;
    // As `npm run digest -- --send` runs it: consumers in worker threads.
    const workers = sendWorkers(ctx.config, { threads: Math.min(4, availableParallelism()) });
    const pipeline = await rate(
      async () => (sent = (await sendInProcess(ctx, "2026-W20", { deliver: workers.deliver })).sent),
    );
    await workers.close();
    if (sent !== READERS) throw new Error(`the pipeline sent ${sent} of ${READERS}`);

    const row = (name: string, perSecond: number) =>
      `| ${name.padEnd(58)} | ${perSecond.toFixed(0).padStart(8)} | ${(pipeline / perSecond).toFixed(2).padStart(16)} |`;
    console.log(`| ${"sender".padEnd(58)} | emails/s | pipeline / this |`);
    console.log(`|${"-".repeat(60)}|---------:|-----------------:|`);
    console.log(row(`Tidings pipeline (exactly-once bookkeeping, ${inFlight} in flight)`, pipeline));
    console.log(row("bare loop of SendEmail, one at a time", plain));
    console.log(row(`bare SendEmail, ${inFlight} in flight`, parallel));
    console.log(
      `\n${READERS} recipients, ${Math.round(Buffer.byteLength(digest.html) / 1024)} KB of HTML each. Target: pipeline ≥ 0.60 × the bare loop: ${
        pipeline >= 0.6 * plain ? "met" : "NOT met"
      } (${(pipeline / plain).toFixed(2)}×).`,
    );
  } finally {
    await services.stop("SIGTERM");
  }
}
