/** The table in today's format (test/fixtures/migration), loaded into a fresh dynalite. */
import { readFileSync } from "node:fs";
import { readConfig } from "@tidings/core/config";
import { createContext, type Context } from "@tidings/core/context";
import type { Db } from "@tidings/core/store/db";
import { decodeRow, encodeRow, scanRows, writeRows } from "@tidings/core/store/rows-json";
import type { TestServices } from "./services.ts";

const dir = new URL("../fixtures/migration/", import.meta.url);

export interface FixtureReader {
  email: string;
  id: string;
  state: "active" | "pending" | "unsubscribed" | "suppressed";
  issuedAt: string;
  confirm: string;
  unsubscribe: string;
}

export const todayFixture = JSON.parse(readFileSync(new URL("today.tokens.json", dir), "utf8")) as {
  secret: string;
  tokens: FixtureReader[];
};

export const todayRows = () => readFileSync(new URL("today.jsonl", dir), "utf8").trim().split("\n");

export async function loadToday(db: Db): Promise<void> {
  await writeRows(db, todayRows().map(decodeRow));
}

/** Every row of a table as its line, sorted. */
export async function tableLines(db: Db): Promise<string[]> {
  const lines: string[] = [];
  for await (const page of scanRows(db)) lines.push(...page.map(encodeRow));
  return lines.sort();
}

/** A fresh process's view of the test services' table (its own id-key cache), with these settings. */
export function processWith(services: TestServices, env: Record<string, string>): Context {
  const config = readConfig({
    TABLE_NAME: services.ctx.config.tableName,
    PUBLIC_URL: "http://localhost:3000",
    TIDINGS_DATA_DIR: services.ctx.config.dataDir,
    DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
    SES_ENDPOINT: services.sesEndpoint,
    ...env,
  });
  return createContext(config);
}
