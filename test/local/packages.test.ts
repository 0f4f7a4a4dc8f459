/** What ships to Lambda never depends on the tooling that runs Tidings on a laptop. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/processes.ts";

const deployable = ["packages/core", "packages/functions"];
/** The local package and what only it may use: the embedded stand-ins, the Node server, tsx. */
const localOnly = ["@tidings/local", "dynalite", "aws-ses-v2-local", "@hono/node-server", "tsx"];

function imports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const specifiers = source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g);
  return [...specifiers].map((m) => m[1]!);
}

const isLocalOnly = (specifier: string) =>
  specifier.includes("packages/local") ||
  localOnly.some((name) => specifier === name || specifier.startsWith(`${name}/`));

describe("the deployable packages", () => {
  it.each(deployable)("%s imports nothing from the local tooling", (pkg) => {
    const dir = join(repoRoot, pkg, "src");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|tsx|mjs)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((f) =>
      imports(join(dir, f))
        .filter(isLocalOnly)
        .map((s) => `${f}: ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it.each(deployable)("%s lists none of the local tooling among its dependencies", (pkg) => {
    const { dependencies = {} } = JSON.parse(readFileSync(join(repoRoot, pkg, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(dependencies).filter(isLocalOnly)).toEqual([]);
  });

  it("the local package holds the stand-ins the deployable ones dropped", () => {
    const { dependencies } = JSON.parse(readFileSync(join(repoRoot, "packages/local/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(dependencies)).toEqual(expect.arrayContaining(localOnly.slice(1)));
  });
});
