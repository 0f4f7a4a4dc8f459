/**
 * Builds a function's deployment package the way SST 4 does (`sst deploy`, not `sst dev`), into a
 * directory of its own that holds only what the zip holds:
 *
 * - the bundle: esbuild with the options of SST's Node build (pkg/runtime/node/build.go): ESM,
 *   target esnext, platform node, bundle, keepNames, mainFields module/main, the createRequire /
 *   __filename / __dirname banner, externals "sharp", "pg-native" and `nodejs.install`, written to
 *   `<handler dir>/<name>.mjs`; minified and without source maps, as documented for deploys in
 *   `.sst/platform/src/components/aws/function.ts` (the `nodejs` defaults);
 * - `nodejs.install`: the `package.json` SST writes beside the bundle, each package at the version
 *   named in the `dependencies` of the nearest package.json above the build output
 *   (`.sst/artifacts/<function>/…`, so the repository's root one), else "*"; then the packages;
 * - `copyFiles`, each at its `to` (else its `from`) path.
 *
 * How the packages get there: test/lambda/install.ts.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, resolve } from "node:path";
import * as esbuild from "esbuild";
import type { DeclaredFunction } from "../support/sst-recorder.ts";
import { installList, installPackages, repoRoot, requestedVersions } from "./install.ts";

export interface FunctionPackage {
  fn: DeclaredFunction;
  /** The package's root: the function's working directory (LAMBDA_TASK_ROOT) once deployed. */
  dir: string;
  /** The handler's module, relative to `dir`, and the name it exports. */
  handlerFile: string;
  handlerExport: string;
  bundleBytes: number;
  /** What SST's package.json asks npm for: package → version or range. */
  requested: Record<string, string>;
}

const forceExternal = ["sharp", "pg-native"];
const nodeExtensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

const banner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
];

/**
 * A fresh directory for packages, with no node_modules or package.json above it: Node would look
 * there for what a package lacks, and find what Lambda's /var/task would not.
 */
export function checkRoot(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "tidings-lambda-")));
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    for (const name of ["node_modules", "package.json"])
      if (existsSync(join(dir, name)))
        throw new Error(`${join(dir, name)} is above ${root}: packages would not be alone`);
    if (dirname(dir) === dir) return root;
  }
}

/** Builds `fn`'s deployment package into `<root>/<fn.name>/`. */
export async function packageFunction(fn: DeclaredFunction, root: string): Promise<FunctionPackage> {
  const dir = join(root, fn.name);
  mkdirSync(dir, { recursive: true });

  const handlerDir = posix.dirname(fn.handler);
  const [, base = "", exportName = ""] = /^(.*)\.([^.]+)$/.exec(posix.basename(fn.handler)) ?? [];
  const source = nodeExtensions.map((ext) => join(repoRoot, handlerDir, base + ext)).find(existsSync);
  if (!source) throw new Error(`Handler not found: ${fn.handler}`);
  const format = fn.nodejs.format === "cjs" ? "cjs" : "esm";
  const handlerFile = posix.join(handlerDir, base.replaceAll(".", "-") + (format === "cjs" ? ".cjs" : ".mjs"));

  const install = Object.keys(installList(fn));
  const user = (fn.nodejs.esbuild ?? {}) as esbuild.BuildOptions;
  const result = await esbuild.build({
    entryPoints: [source],
    platform: "node",
    external: [...forceExternal, ...install, ...(user.external ?? [])],
    loader: (fn.nodejs.loader ?? {}) as Record<string, esbuild.Loader>,
    keepNames: true,
    bundle: true,
    splitting: Boolean(fn.nodejs.splitting),
    metafile: true,
    outfile: join(dir, handlerFile),
    sourcemap: Boolean(fn.nodejs.sourcemap),
    write: true,
    format,
    target: user.target ?? "esnext",
    mainFields: format === "esm" ? ["module", "main"] : ["main"],
    banner: { js: format === "esm" ? [...banner, fn.nodejs.banner ?? ""].join("\n") : String(fn.nodejs.banner ?? "") },
    minify: fn.nodejs.minify !== false,
    logLevel: "silent",
  });

  // The forced externals are installed only when the code imports them.
  const imported = Object.values(result.metafile.inputs).flatMap((i) => i.imports);
  const packages = [
    ...install,
    ...forceExternal.filter((p) => imported.some((i) => i.external && i.path === p) && !install.includes(p)),
  ];
  const requested = requestedVersions(fn, handlerDir, packages);
  if (packages.length > 0) installPackages(dir, requested, fn.architecture);

  for (const { from, to } of fn.copyFiles) cpSync(resolve(repoRoot, from), join(dir, to ?? from), { recursive: true });

  return {
    fn,
    dir,
    handlerFile,
    handlerExport: exportName,
    bundleBytes: statSync(join(dir, handlerFile)).size,
    requested,
  };
}
