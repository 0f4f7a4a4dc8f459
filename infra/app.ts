/**
 * The app: the Hono app as one function behind a function URL. Its URL is the base of every link
 * in emails unless PUBLIC_URL names one: the functions that build links link `api` to learn it.
 */
import { fn, renders, themes } from "./function.ts";
import { confirmQueue } from "./outbox.ts";
import { table, tokenSecret } from "./storage.ts";

export const api = new sst.aws.Function("Api", {
  ...fn,
  handler: "packages/functions/src/lambda/api.handler",
  url: true,
  link: [table, tokenSecret, confirmQueue],
  // The app module also holds the in-process outbox (npm start), whose renderer reads these.
  ...renders,
  // The landing page and the signup answers list the themes.
  copyFiles: [...renders.copyFiles, ...themes.copyFiles],
  environment: { ...fn.environment, ...themes.environment },
  memory: "512 MB",
  timeout: "10 seconds",
});
