/**
 * `npm run ses-event -- bounce|soft-bounce|complaint ADDRESS [--digest 2026-W20]`: replays a
 * sample SES event through the same handler the SNS topic calls on AWS, against the local
 * stack, and says what it did. With `--digest` the event is about that digest's message: it
 * counts against the digest, and the reputation guard may pause its send, as on AWS.
 */
import { parseArgs } from "node:util";
import { handleSesNotifications } from "@tidings/core/email/ses-events";
import { getSendControl } from "@tidings/core/store/send-pause";
import { EmailAddress } from "@tidings/core/subscription/address";
import { sampleSesEvent } from "@tidings/core/subscription/suppression";
import { snsEvent } from "../sns.ts";
import { useLocalStack } from "../stack.ts";

const usage = "usage: npm run ses-event -- bounce|soft-bounce|complaint ADDRESS [--digest 2026-W20]";
const kinds = ["bounce", "soft-bounce", "complaint"] as const;
type Kind = (typeof kinds)[number];

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let parsedArgs: ReturnType<typeof parseArgs<{ options: { digest: { type: "string" } }; allowPositionals: true }>>;
try {
  parsedArgs = parseArgs({ options: { digest: { type: "string" } }, allowPositionals: true });
} catch (e) {
  fail(`ses-event: ${(e as Error).message}\n${usage}`);
}
const [kind, address] = parsedArgs.positionals;
const digest = parsedArgs.values.digest;
if (!kinds.includes(kind as Kind) || !address) fail(usage);
const parsed = EmailAddress.safeParse(address);
if (!parsed.success) fail(`ses-event: ${parsed.error.issues[0]?.message ?? "not an email address"}`);

const stack = await useLocalStack("ses-event");
try {
  const now = new Date();
  const record = sampleSesEvent(kind as Kind, parsed.data, now, { digest });
  const [outcome] = await handleSesNotifications(stack.ctx, snsEvent("SesEvents", [record], now), now);
  if (!outcome || (outcome.ignored && !outcome.digest)) {
    process.stdout.write(`${outcome?.event ?? kind}: ignored (${outcome?.ignored ?? "no record"})\n`);
    process.exitCode = 1;
  } else if (outcome.suppressed.length > 0) {
    process.stdout.write(`${outcome.event}: ${address} is now suppressed and will get no more email.\n`);
  } else if (kind === "soft-bounce") {
    process.stdout.write(`${outcome.event}: counted for ${address}; three digests with one suppress the address.\n`);
  } else {
    process.stdout.write(`${outcome.event}: ${address} was already suppressed.\n`);
  }
  if (outcome?.digest) {
    const { stats, paused } = await getSendControl(stack.ctx.db, outcome.digest);
    process.stdout.write(
      `Digest ${outcome.digest}: ${stats.sent} sent, ${stats.bounced} bounced, ${stats.softBounced} soft-bounced, ${stats.complained} complained.\n` +
        (paused
          ? `Its send is paused by the reputation guard: ${paused.reason}. The editors were told.\n` +
            `Resume: npm run digest -- --week ${outcome.digest} --resume\n`
          : ""),
    );
  }
} finally {
  await stack.close();
}
