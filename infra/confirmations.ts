/**
 * The signup outbox's consumer: sends a signup's confirmation email when the signup made one due.
 * It links the CDN for the links' base, which exists before the app (no cycle through the app).
 */
import { cdn } from "./cdn.ts";
import { email } from "./email.ts";
import { fn, renders } from "./function.ts";
import { confirmQueue } from "./outbox.ts";
import { table, tokenSecrets } from "./storage.ts";

export const confirmConsumer = confirmQueue.subscribe(
  {
    ...fn,
    handler: "packages/functions/src/lambda/confirm.handler",
    // `cdn` for its URL: the confirm link's base when PUBLIC_URL is not set.
    link: [table, ...tokenSecrets, email, cdn],
    ...renders,
    memory: "512 MB",
    timeout: "30 seconds",
  },
  { batch: { size: 10, partialResponses: true } },
);
