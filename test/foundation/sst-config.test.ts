import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/processes.ts";
import { checkSstConfig, sstConfigFile } from "../support/typecheck-sst.ts";

describe("sst.config.ts", () => {
  beforeAll(() => {
    // The platform types come from `sst install` (offline); `npm run typecheck` runs it first.
    if (!existsSync(`${repoRoot}.sst/platform/config.d.ts`))
      execSync("npm run sst:install", { cwd: repoRoot, stdio: "ignore" });
  }, 180_000);

  const source = readFileSync(sstConfigFile, "utf8");
  const misspell = (from: string, to: string) => {
    expect(source).toContain(from);
    return checkSstConfig(source.replace(from, to)).map((d) => d.code);
  };

  it("type-checks against the SST platform", () => {
    expect(checkSstConfig()).toEqual([]);
  }, 60_000);

  it("fails on a misspelt property, inline or in a shared settings object", () => {
    expect(misspell('memory: "512 MB"', 'memroy: "512 MB"')).toContain(2561);
    expect(misspell('runtime: "nodejs22.x"', 'runtme: "nodejs22.x"')).toContain(2561);
    expect(
      misspell("primaryIndex: tableDefinition.primaryIndex", "primaryIndx: tableDefinition.primaryIndex"),
    ).not.toEqual([]);
  }, 60_000);
});
