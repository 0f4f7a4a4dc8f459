/**
 * The Lambda runtime's part, in a process of its own started with the package as its working
 * directory and the function's environment (test/lambda/invoke.ts): it loads the handler named by
 * `_HANDLER` from LAMBDA_TASK_ROOT as AWS's Node runtime does (file + ".js", ".mjs", ".cjs"; a
 * dynamic import), says how long the import took and which installed packages it loaded, then
 * invokes the handler with each event it is sent, one at a time, with a Lambda context.
 * Plain JavaScript: nothing of the repository's tooling (tsx, vitest) is loaded into it.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const env = process.env;
const root = env.LAMBDA_TASK_ROOT;
const send = (message) => process.send(message);
const serialise = (e) => ({ name: e?.name, message: e?.message ?? String(e), stack: e?.stack });

/** Installed packages (under the task root's node_modules) that the CommonJS loader holds. */
function loadedPackages() {
  const cache = createRequire(import.meta.url)("node:module")._cache;
  const names = new Set();
  for (const file of Object.keys(cache)) {
    const match = /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)[/\\][^]*$/.exec(file);
    if (file.startsWith(join(root, "node_modules")) && match) names.add(match[1].replace("\\", "/"));
  }
  return [...names].sort();
}

const dot = env._HANDLER.lastIndexOf(".");
const modulePath = join(root, env._HANDLER.slice(0, dot));
const exportName = env._HANDLER.slice(dot + 1);

let handler;
try {
  const file = [".js", ".mjs", ".cjs"].map((ext) => modulePath + ext).find(existsSync);
  if (!file) throw new Error(`Cannot find module '${env._HANDLER.slice(0, dot)}' in ${root}`);
  const start = performance.now();
  const module = await import(pathToFileURL(file).href);
  const importMs = performance.now() - start;
  handler = module[exportName];
  if (typeof handler !== "function") throw new Error(`${env._HANDLER} is undefined or not exported`);
  send({ type: "ready", importMs, loaded: loadedPackages() });
} catch (e) {
  send({ type: "init-error", error: serialise(e) });
  process.exit(1);
}

process.on("message", async ({ id, event, timeoutMs }) => {
  const deadline = Date.now() + timeoutMs;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: `arn:aws:lambda:${env.AWS_REGION}:123456789012:function:${env.AWS_LAMBDA_FUNCTION_NAME}`,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: randomUUID(),
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
  try {
    const value = await handler(event, context);
    send({ type: "result", id, ok: true, value, loaded: loadedPackages() });
  } catch (e) {
    send({ type: "result", id, ok: false, error: serialise(e), loaded: loadedPackages() });
  }
});
