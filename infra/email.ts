/**
 * Email and its events: the SES identity and configuration set (`sst.aws.Email`), whose events
 * reach a topic; its subscriber suppresses bounced and complaining addresses and completes digest
 * send records.
 */
import { fn } from "./function.ts";
import { settings } from "./settings.ts";
import { table, tokenSecrets } from "./storage.ts";

const sesEvents = new sst.aws.SnsTopic("SesEvents");

export const email = new sst.aws.Email("Email", {
  sender: settings.senderDomain,
  dns: settings.senderDns === "route53" ? sst.aws.dns() : false,
  events: [
    { name: "BouncesAndComplaints", types: ["bounce", "complaint"], topic: sesEvents.arn },
    // Send events complete digest send records whose consumer crashed after SES took the message.
    { name: "Sends", types: ["send"], topic: sesEvents.arn },
  ],
});

// SNS invokes the handler asynchronously: what still fails after Lambda's two retries is kept
// in this queue instead of being dropped (a lost bounce would mean mailing a dead address).
export const sesEventFailures = new sst.aws.Queue("SesEventFailures");
export const sesEventsHandler = sesEvents.subscribe("HandleSesEvents", {
  ...fn,
  handler: "packages/functions/src/lambda/ses-events.handler",
  // `email`: the reputation guard may pause a send here and tell the editors.
  link: [table, ...tokenSecrets, sesEventFailures, email],
  timeout: "30 seconds",
  transform: { function: { deadLetterConfig: { targetArn: sesEventFailures.arn } } },
});
