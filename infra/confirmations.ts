/**
 * The signup outbox's consumer: sends a signup's confirmation email when the signup made one due.
 * Apart from infra/outbox.ts because it links the app (for its URL), which links the outbox.
 */
import { api } from "./app.ts";
import { email } from "./email.ts";
import { fn, renders } from "./function.ts";
import { confirmQueue } from "./outbox.ts";
import { table, tokenSecret } from "./storage.ts";

confirmQueue.subscribe(
  {
    ...fn,
    handler: "packages/functions/src/lambda/confirm.handler",
    // `api` for its URL: the confirm link's base when PUBLIC_URL is not set.
    link: [table, tokenSecret, email, api],
    ...renders,
    memory: "512 MB",
    timeout: "30 seconds",
  },
  { batch: { size: 10, partialResponses: true } },
);
