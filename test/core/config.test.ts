import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "@tidings/core/config";
import { createContext } from "@tidings/core/context";
import { repoRoot } from "../support/processes.ts";

describe("configuration", () => {
  it("has working local defaults, as DESIGN.md lists them", () => {
    const c = readConfig({ TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "cfg-")) });
    expect(c.feeds).toEqual([join(repoRoot, "templates/feeds/scmp-semiconductors.xml")]);
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.port).toBe(3000);
    expect(c.digestTimezone).toBe("UTC");
    expect(c.dynamodbEndpoint).toBe("http://127.0.0.1:8000");
    expect(c.sesEndpoint).toBe("http://127.0.0.1:8005");
    expect(c.tableName).toBe("tidings");
    expect(c.onAws).toBe(false);
  });

  it("reads every documented name", () => {
    const c = readConfig({
      FEEDS: "https://a.example/feed, ./b.xml ,",
      PUBLIC_URL: "https://news.example.com/",
      PORT: "8080",
      SENDER: "News <news@example.com>",
      DIGEST_TIMEZONE: "Asia/Hong_Kong",
      TOKEN_SECRET: "s3cret",
      DYNAMODB_ENDPOINT: "http://127.0.0.1:9000",
      SES_ENDPOINT: "http://127.0.0.1:9005",
      TABLE_NAME: "news",
      POSTAL_ADDRESS: "1 Main St, Town",
    });
    expect(c.feeds).toEqual(["https://a.example/feed", "./b.xml"]);
    expect(c.publicUrl).toBe("https://news.example.com");
    expect(c.port).toBe(8080);
    expect(c.sender).toBe("News <news@example.com>");
    expect(c.digestTimezone).toBe("Asia/Hong_Kong");
    expect(c.tokenSecret).toBe("s3cret");
    expect(c.dynamodbEndpoint).toBe("http://127.0.0.1:9000");
    expect(c.sesEndpoint).toBe("http://127.0.0.1:9005");
    expect(c.tableName).toBe("news");
    expect(c.postalAddress).toBe("1 Main St, Town");
  });

  it("treats an empty value as unset", () => {
    const c = readConfig({
      PUBLIC_URL: "",
      POSTAL_ADDRESS: " ",
      TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "cfg-")),
    });
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.postalAddress).toBe("Tidings, 1 Example Street, Springfield");
  });

  it("refuses a port that is not a number, naming it", () => {
    expect(() => readConfig({ PORT: "eighty" })).toThrow('PORT must be a positive number, got "eighty"');
  });

  it("generates the local token secret once and keeps it under the data directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const first = readConfig({ TIDINGS_DATA_DIR: dir }).tokenSecret;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(dir, "token-secret"), "utf8").trim()).toBe(first);
    expect(readConfig({ TIDINGS_DATA_DIR: dir }).tokenSecret).toBe(first);
  });

  it("never builds clients that would reach real AWS from a laptop", () => {
    const local = readConfig({ TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "cfg-")) });
    expect(() => createContext({ ...local, dynamodbEndpoint: "" })).toThrow("refusing to reach real AWS");
    expect(() => createContext({ ...local, sesEndpoint: undefined })).toThrow("refusing to reach real AWS");
    expect(() => createContext(local)).not.toThrow();
  });

  it("is the only module that reads process.env", () => {
    const hits = execFileSync("grep", ["-rln", "--include=*.ts", "--include=*.tsx", "process.env", "packages"], {
      cwd: repoRoot,
      encoding: "utf8",
    })
      .trim()
      .split("\n");
    expect(hits).toEqual(["packages/core/src/config.ts"]);
  });
});
