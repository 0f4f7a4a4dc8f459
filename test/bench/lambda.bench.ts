/**
 * Each function as SST 4 packages it (test/lambda/package.ts): its bundle's size, its package's
 * size unzipped, and its cold import (a fresh process, the package as working directory, Lambda's
 * and SST's environment: test/lambda/invoke.ts), median of a few starts. Baselines in the same
 * run: importing an empty ES module the same way (the floor), and importing the handler's
 * TypeScript source unbundled through tsx from the repository (what the bundle saves). It also
 * says which installed packages each import loads: the Api's must load neither MJML nor Handlebars.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lambdaEnvironment, startFunction, type LinkValue } from "../lambda/invoke.ts";
import { checkRoot, packageFunction, type FunctionPackage } from "../lambda/package.ts";
import { repoRoot } from "../support/processes.ts";
import { declaredInfra, type DeclaredFunction } from "../support/sst-recorder.ts";

const STARTS = 5;

// Importing a handler touches no service; the links only need to be there.
const links: Record<string, LinkValue> = {
  Table: { type: "sst.aws.Dynamo", name: "tidings-bench-Table" },
  TokenSecret: { type: "sst.sst.Secret", value: "bench-secret" },
  Email: { type: "sst.aws.Email", sender: "news.example.com", configSet: "tidings-bench-Email" },
  Api: { type: "sst.aws.Function", name: "tidings-bench-Api", url: "https://bench.lambda-url.us-east-1.on.aws/" },
  ConfirmQueue: { type: "sst.aws.Queue", url: "https://sqs.us-east-1.amazonaws.com/123456789012/ConfirmQueue" },
  SendQueue: { type: "sst.aws.Queue", url: "https://sqs.us-east-1.amazonaws.com/123456789012/SendQueue" },
  SesEventFailures: { type: "sst.aws.Queue", url: "https://sqs.us-east-1.amazonaws.com/123456789012/SesEventFailures" },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

/** Median cold import of a package, and the installed packages its import loaded. */
async function coldImport(pkg: FunctionPackage) {
  const times: number[] = [];
  let loaded: string[] = [];
  for (let i = 0; i < STARTS; i++) {
    const running = await startFunction(pkg, lambdaEnvironment(pkg, links));
    times.push(running.importMs);
    loaded = running.loadedAtImport;
    await running.stop();
  }
  return { ms: median(times), loaded };
}

/** Median cold import of the handler's TypeScript source through tsx, in the repository. */
function sourceImport(pkg: FunctionPackage): number {
  const env = { ...lambdaEnvironment(pkg, links), SST_KEY_FILE: join(pkg.dir, "resource.enc") };
  const source = join(repoRoot, pkg.fn.handler.replace(/\.[^.]+$/, ".ts"));
  const script = `const t = performance.now(); await import(${JSON.stringify(source)}); console.log(performance.now() - t);`;
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repoRoot,
      env,
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`${pkg.fn.name} source import failed:\n${run.stderr}`);
    times.push(Number(run.stdout.trim().split("\n").pop()));
  }
  return median(times);
}

/** A package holding one empty ES module, started the same way: the floor of a cold import. */
function emptyPackage(root: string): FunctionPackage {
  const dir = join(root, "Empty");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.mjs"), "export const handler = async () => {};\n");
  const fn: DeclaredFunction = {
    name: "Empty",
    trigger: "url",
    handler: "index.handler",
    runtime: "nodejs22.x",
    architecture: "arm64",
    environment: {},
    links: [],
    copyFiles: [],
    nodejs: {},
    args: {},
  };
  return { fn, dir, handlerFile: "index.mjs", handlerExport: "handler", bundleBytes: 0, requested: {} };
}

export default async function bench(): Promise<void> {
  const declared = await declaredInfra({
    SENDER: "Tidings <digest@news.example.com>",
    POSTAL_ADDRESS: "1 Bench Street",
    ADMIN_EMAILS: "editor@news.example.com",
  });
  const root = checkRoot();
  try {
    const floor = await coldImport(emptyPackage(root));
    console.log(
      `Cold import, median of ${STARTS} fresh processes; floor (an empty ES module): ${floor.ms.toFixed(1)} ms\n`,
    );
    console.log(
      "| function | bundle | package (unzipped) | cold import | unbundled via tsx | bundle vs source | installed packages loaded at import |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---|");
    for (const fn of declared.functions) {
      const pkg = await packageFunction(fn, root);
      const cold = await coldImport(pkg);
      const source = sourceImport(pkg);
      const loaded = cold.loaded.length ? cold.loaded.join(", ") : "none";
      console.log(
        `| ${fn.name} | ${kb(pkg.bundleBytes)} | ${kb(dirBytes(pkg.dir))} | ${cold.ms.toFixed(0)} ms | ${source.toFixed(0)} ms | ${(cold.ms / source).toFixed(2)}× | ${loaded} |`,
      );
      if (fn.name === "Api" && cold.loaded.some((p) => p === "mjml" || p === "handlebars"))
        throw new Error(`the Api's import loads ${cold.loaded.join(", ")}: MJML and Handlebars must wait for a render`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
