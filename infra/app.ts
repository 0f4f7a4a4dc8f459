/**
 * The app: the Hono app as one function, its URL served through CloudFront (infra/cdn.ts), whose
 * URL is the base of every link in emails unless PUBLIC_URL names one: the functions that build
 * links link `cdn` to learn it.
 */
import { cdn } from "./cdn.ts";
import { sendQueue } from "./delivery.ts";
import { email } from "./email.ts";
import { fn, renders, themes } from "./function.ts";
import { confirmQueue } from "./outbox.ts";
import { table, tokenSecrets } from "./storage.ts";

export const api = new sst.aws.Function("Api", {
  ...fn,
  handler: "packages/functions/src/lambda/api.handler",
  url: { router: { instance: cdn } },
  // `cdn` for its URL and the reader's address header; `email` to send a new address its link;
  // `sendQueue` to start the delivery of a digest an editor approved (send/start.ts).
  link: [table, ...tokenSecrets, confirmQueue, cdn, email, sendQueue],
  // The app module also holds the in-process outbox (npm start), whose renderer reads these.
  ...renders,
  // The landing page and the signup answers list the themes.
  copyFiles: [...renders.copyFiles, ...themes.copyFiles],
  environment: { ...fn.environment, ...themes.environment },
  memory: "512 MB",
  timeout: "10 seconds",
});
