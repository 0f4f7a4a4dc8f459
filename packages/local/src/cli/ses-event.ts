/**
 * `npm run ses-event -- bounce|complaint ADDRESS`: replays a sample SES event through the same
 * handler the SNS topic calls on AWS, against the local stack, and says what it did.
 */
import { EmailAddress } from "@tidings/core/subscription/address";
import { sampleSesEvent } from "@tidings/core/subscription/suppression";
import { handleSesNotifications } from "@tidings/core/email/ses-events";
import { snsEvent } from "../sns.ts";
import { useLocalStack } from "../stack.ts";

const [kind, address] = process.argv.slice(2);
if ((kind !== "bounce" && kind !== "complaint") || !address) {
  process.stderr.write("usage: npm run ses-event -- bounce|complaint ADDRESS\n");
  process.exit(2);
}
const parsed = EmailAddress.safeParse(address);
if (!parsed.success) {
  process.stderr.write(`ses-event: ${parsed.error.issues[0]?.message ?? "not an email address"}\n`);
  process.exit(2);
}

const stack = await useLocalStack("ses-event");
try {
  const now = new Date();
  const [outcome] = await handleSesNotifications(
    stack.ctx,
    snsEvent("SesEvents", [sampleSesEvent(kind, parsed.data, now)], now),
    now,
  );
  if (!outcome || outcome.ignored) {
    process.stdout.write(`${outcome?.event ?? kind}: ignored (${outcome?.ignored ?? "no record"})\n`);
    process.exitCode = 1;
  } else if (outcome.suppressed.length > 0) {
    process.stdout.write(`${outcome.event}: ${address} is now suppressed and will get no more email.\n`);
  } else {
    process.stdout.write(`${outcome.event}: ${address} was already suppressed.\n`);
  }
} finally {
  await stack.close();
}
