import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/processes.ts";
import { checkInfra, infraDir, infraFiles, sstConfigFile } from "../support/typecheck-sst.ts";

describe("sst.config.ts and infra/", () => {
  beforeAll(() => {
    // The platform types come from `sst install` (offline); `npm run typecheck` runs it first.
    if (!existsSync(`${repoRoot}.sst/platform/config.d.ts`))
      execSync("npm run sst:install", { cwd: repoRoot, stdio: "ignore" });
  }, 180_000);

  /** The diagnostic codes once `from` is replaced by `to` in `file`. */
  const misspell = (file: string, from: string, to: string) => {
    const source = readFileSync(file, "utf8");
    expect(source).toContain(from);
    return checkInfra({ [file]: source.replace(from, to) }).map((d) => d.code);
  };

  it("type-checks against the SST platform, every infra file included", () => {
    expect(infraFiles()).toContain(`${infraDir}schedules.ts`);
    expect(checkInfra()).toEqual([]);
  }, 60_000);

  it("fails on a misspelt property in an infra file, in the function preset, or in the app definition", () => {
    expect(misspell(`${infraDir}app.ts`, 'memory: "512 MB"', 'memroy: "512 MB"')).toContain(2561);
    expect(misspell(`${infraDir}confirmations.ts`, 'timeout: "30 seconds"', 'timout: "30 seconds"')).not.toEqual([]);
    expect(misspell(`${infraDir}function.ts`, 'runtime: "nodejs22.x"', 'runtme: "nodejs22.x"')).toContain(2561);
    expect(
      misspell(`${infraDir}function.ts`, 'copyFiles: [{ from: "templates" }]', 'copyFile: [{ from: "templates" }]'),
    ).toContain(2561);
    expect(
      misspell(
        `${infraDir}storage.ts`,
        "primaryIndex: tableDefinition.primaryIndex",
        "primaryIndx: tableDefinition.primaryIndex",
      ),
    ).not.toEqual([]);
    expect(misspell(sstConfigFile, 'home: "aws"', 'hom: "aws"')).not.toEqual([]);
    expect(misspell(`${infraDir}alarms.ts`, "evaluationPeriods: 24", "evaluationPeriod: 24")).not.toEqual([]);
    expect(
      misspell(`${infraDir}storage.ts`, "deletionProtection: production", "deletionProtect: production"),
    ).toContain(2561);
    expect(
      misspell(`${infraDir}cdn.ts`, 'protection: "oac-with-edge-signing"', 'protecton: "oac-with-edge-signing"'),
    ).toContain(2561);
    expect(misspell(`${infraDir}cdn.ts`, "cachePolicyId: cachingDisabled", "cachePolicy: cachingDisabled")).not.toEqual(
      [],
    );
  }, 60_000);
});
