/**
 * Real local services for integration tests: a fresh in-memory dynalite and aws-ses-v2-local on
 * free ports, the table created, and a Context wired to them. Each test file gets its own, so
 * the suite runs while `npm start` is up and tests never share state.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readConfig } from "@tidings/core/config";
import { createContext, type Context } from "@tidings/core/context";
import { ensureTable } from "@tidings/core/store/db";
import { startServices } from "@tidings/local/services";

/** A message as the local SES keeps it (GET /store). */
export interface SentEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
  at: number;
}

export interface TestServices {
  ctx: Context;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  /** Every message the local SES has accepted, oldest first. */
  mailbox(): Promise<SentEmail[]>;
  clearMailbox(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServices(env: Record<string, string> = {}): Promise<TestServices> {
  const services = await startServices();
  const config = readConfig({
    TABLE_NAME: "tidings-test",
    TOKEN_SECRET: "test-token-secret",
    PUBLIC_URL: "http://localhost:3000",
    TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "tidings-test-")),
    ...env,
    DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
    SES_ENDPOINT: services.sesEndpoint,
  });
  const ctx = createContext(config);
  await ensureTable(ctx.db);
  return {
    ctx,
    dynamodbEndpoint: services.dynamodbEndpoint,
    sesEndpoint: services.sesEndpoint,
    async mailbox() {
      const res = await fetch(`${services.sesEndpoint}/store`);
      return ((await res.json()) as { emails: SentEmail[] }).emails;
    },
    async clearMailbox() {
      await fetch(`${services.sesEndpoint}/clear-store`, { method: "POST" });
    },
    close: () => services.close(),
  };
}
