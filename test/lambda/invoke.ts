/**
 * Runs a function package as Lambda would: a fresh Node process (a cold start) whose working
 * directory is the package, whose environment is only what Lambda and SST set, the links in an
 * encrypted `resource.enc` beside the bundle as SST deploys them (SST_KEY, SST_KEY_FILE), and which
 * then takes one event at a time (test/lambda/runtime.mjs).
 */
import { fork, type ChildProcess } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FunctionPackage } from "./package.ts";

const runtime = fileURLToPath(new URL("./runtime.mjs", import.meta.url));

export const region = "us-east-1";
export const stage = "check";

/** A link as SST passes it to a function: the component's properties and its type. */
export type LinkValue = Record<string, unknown> & { type: string };

export interface Invocation {
  ok: boolean;
  value?: unknown;
  error?: { name?: string; message: string; stack?: string };
  /** Installed packages loaded so far. */
  loaded: string[];
}

export interface RunningFunction {
  /** How long importing the handler's module took (the init phase's code part). */
  importMs: number;
  /** Installed packages (node_modules beside the bundle) loaded by the import. */
  loadedAtImport: string[];
  invoke(event: unknown): Promise<Invocation>;
  /** Everything the function printed (its CloudWatch log). */
  logs(): string;
  stop(): Promise<void>;
}

/** SST's `resource.enc`: the links as JSON, AES-256-GCM with a zero nonce, the tag appended. */
function writeResourceFile(dir: string, links: Record<string, LinkValue>): string {
  const key = randomBytes(32);
  const cipher = createCipheriv("aes-256-gcm", key, Buffer.alloc(12, 0));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(links)), cipher.final(), cipher.getAuthTag()]);
  writeFileSync(join(dir, "resource.enc"), sealed);
  return key.toString("base64");
}

const megabytes = (memory: string | undefined) => String(Number.parseInt(memory ?? "1024 MB", 10));
const seconds = (timeout: string | undefined) =>
  Number.parseInt(timeout ?? "20 seconds", 10) * (timeout?.includes("minute") ? 60 : 1);

/**
 * The environment of the deployed function: Lambda's own variables, the function's declared
 * `environment`, SST's (SST_RESOURCE_App, SST_KEY, SST_KEY_FILE), and `extra` (the check's local
 * endpoints). Nothing of this process's environment leaks in but PATH.
 */
export function lambdaEnvironment(
  pkg: FunctionPackage,
  links: Record<string, LinkValue>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const missing = pkg.fn.links.filter((name) => !links[name]);
  if (missing.length) throw new Error(`no deployed value for ${missing.join(", ")}, linked to ${pkg.fn.name}`);
  const key = writeResourceFile(pkg.dir, Object.fromEntries(pkg.fn.links.map((name) => [name, links[name]!])));
  const functionName = `tidings-${stage}-${pkg.fn.name}Function-abcdefgh`;
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${pkg.fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: megabytes(pkg.fn.memory),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: "2026/11/30/[$LATEST]0123456789abcdef0123456789abcdef",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_RUNTIME_API: "127.0.0.1:9001",
    AWS_ACCESS_KEY_ID: "ASIACHECKCHECKCHECK0",
    AWS_SECRET_ACCESS_KEY: "check/check/check/check/check/check/check0",
    AWS_SESSION_TOKEN: "check-session-token",
    LAMBDA_TASK_ROOT: pkg.dir,
    LAMBDA_RUNTIME_DIR: "/var/runtime",
    NODE_PATH: pkg.dir,
    _HANDLER: pkg.fn.handler,
    ...pkg.fn.environment,
    SST_RESOURCE_App: JSON.stringify({ name: "tidings", stage }),
    SST_KEY: key,
    SST_KEY_FILE: "resource.enc",
    ...extra,
  };
}

/** Starts the package's function: resolves once its module is imported (or rejects, with its log). */
export function startFunction(pkg: FunctionPackage, env: Record<string, string>): Promise<RunningFunction> {
  const child: ChildProcess = fork(runtime, [], {
    cwd: pkg.dir,
    env,
    execArgv: [], // not this process's loaders (tsx, vitest): Lambda has none
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const timeoutMs = seconds(pkg.fn.timeout) * 1000;
  const waiting = new Map<number, (result: Invocation) => void>();
  let next = 0;
  let exited: string | undefined;
  let initError = "";
  const failAll = () => {
    for (const resolve of waiting.values()) resolve({ ok: false, error: { message: exited! }, loaded: [] });
    waiting.clear();
  };

  return new Promise((resolve, reject) => {
    child.once("exit", (code, signal) => {
      exited = `${pkg.fn.name} exited (${signal ?? code}) ${initError}\n${log}`;
      failAll();
      reject(new Error(exited));
    });
    child.on(
      "message",
      (message: { type: string; id?: number } & Invocation & { importMs?: number; error?: Invocation["error"] }) => {
        if (message.type === "init-error") {
          initError = `on init: ${message.error?.stack ?? message.error?.message}`; // the exit that follows reports it
          return;
        }
        if (message.type === "result") {
          waiting.get(message.id!)?.(message);
          waiting.delete(message.id!);
          return;
        }
        resolve({
          importMs: message.importMs!,
          loadedAtImport: message.loaded,
          invoke(event) {
            if (exited) return Promise.resolve({ ok: false, error: { message: exited }, loaded: [] });
            const id = next++;
            return new Promise((done) => {
              waiting.set(id, done);
              child.send({ id, event, timeoutMs });
            });
          },
          logs: () => log,
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const gone = new Promise((r) => child.once("exit", r));
            child.kill();
            // A function in the middle of an event does not get to finish it (nor on Lambda).
            const hard = setTimeout(() => child.kill("SIGKILL"), 5_000);
            await gone;
            clearTimeout(hard);
          },
        });
      },
    );
  });
}
