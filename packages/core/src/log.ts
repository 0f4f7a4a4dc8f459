/**
 * Structured logs: Powertools Logger (JSON for CloudWatch) on Lambda, readable lines locally.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { config } from "./config.ts";

type Fields = Record<string, unknown>;
type Level = "debug" | "info" | "warn" | "error";

export interface Log {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** An error and the causes it carries, outermost first (a few at most). */
function chain(error: Error): Error[] {
  const out = [error];
  for (let c = error.cause; c instanceof Error && out.length < 5; c = c.cause) out.push(c);
  return out;
}

function format(value: unknown): string {
  if (value instanceof Error)
    return JSON.stringify(
      chain(value)
        .map((e, i) => (i === 0 ? e.message : `${e.name}: ${e.message}`))
        .join(" ← caused by "),
    );
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

function lineLogger(): Log {
  const write =
    (level: Level) =>
    (message: string, fields: Fields = {}) => {
      if (level === "debug") return;
      const time = new Date().toISOString().slice(11, 19);
      const extra = Object.entries(fields)
        .map(([k, v]) => ` ${k}=${format(v)}`)
        .join("");
      // A stack reads best on its own lines, after the one-line summary.
      const stacks = Object.values(fields).flatMap((v) =>
        v instanceof Error ? chain(v).map((e, i) => `\n${i ? "Caused by: " : ""}${e.stack ?? e.message}`) : [],
      );
      const line = `${time} ${level.padEnd(5)} ${message}${extra}${stacks.join("")}\n`;
      (level === "info" ? process.stdout : process.stderr).write(line);
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

function powertoolsLogger(): Log {
  const logger = new Logger({ serviceName: "tidings" });
  return {
    debug: (m, f) => logger.debug(m, f ?? {}),
    info: (m, f) => logger.info(m, f ?? {}),
    warn: (m, f) => logger.warn(m, f ?? {}),
    error: (m, f) => logger.error(m, f ?? {}),
  };
}

let current: Log | undefined;

/** The process's logger. */
export function log(): Log {
  return (current ??= config().onAws ? powertoolsLogger() : lineLogger());
}
