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
 * SST installs the packages with `npm install --force --os=linux --cpu=<arch> …` in the output
 * directory, resolving afresh from the registry. Here they are copied from node_modules with
 * their dependency closure: the exact files the tests ran, offline, in a second rather than ten,
 * and the check proves separately that the versions SST would ask for are those. Set
 * TIDINGS_LAMBDA_NPM_INSTALL=1 to run SST's npm command instead (needs the registry).
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative } from "node:path";
import * as esbuild from "esbuild";
import type { DeclaredFunction } from "../support/sst-recorder.ts";
import { repoRoot as repoRootSlash } from "../support/processes.ts";

const repoRoot = repoRootSlash.replace(/\/+$/, "");

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

/** Install `nodejs.install` packages with SST's own npm command (TIDINGS_LAMBDA_NPM_INSTALL=1). */
export const npmInstall = process.env.TIDINGS_LAMBDA_NPM_INSTALL === "1";

const forceExternal = ["sharp", "pg-native"];
const nodeExtensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

const banner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
];

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, string>>;

/** `nodejs.install` as SST normalises it: a list means "*" for each. */
function installList(fn: DeclaredFunction): Record<string, string> {
  const install = fn.nodejs.install ?? [];
  return Array.isArray(install) ? Object.fromEntries(install.map((p) => [p, "*"])) : install;
}

/** The package.json SST's FindUp reaches from the build output, skipping the output itself. */
function nearestPackageJson(from: string, artifact: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (!dir.startsWith(artifact) && existsSync(join(dir, "package.json"))) return join(dir, "package.json");
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The versions SST's package.json beside the bundle asks npm for. */
export function requestedVersions(
  fn: DeclaredFunction,
  handlerDir: string,
  installed: string[],
): Record<string, string> {
  const artifact = join(repoRoot, ".sst", "artifacts", fn.name);
  const source = readJson(nearestPackageJson(join(artifact, handlerDir), artifact));
  const explicit = installList(fn);
  return Object.fromEntries(
    installed.map((p) => [p, explicit[p] && explicit[p] !== "*" ? explicit[p] : (source.dependencies?.[p] ?? "*")]),
  );
}

/** Where Node finds `name` from `fromDir`, looking no higher than the repository. */
function resolvePackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; dir === repoRoot || dir.startsWith(repoRoot + "/"); dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === repoRoot) break;
  }
  return undefined;
}

/** Copies packages and everything they depend on, each at the place Node resolved it from. */
function copyClosure(names: string[], to: string) {
  const copied = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const found = resolvePackage(name, fromDir);
    if (!found) {
      if (optional) return;
      throw new Error(`${name} (needed from ${relative(repoRoot, fromDir) || "."}) is not in node_modules`);
    }
    if (copied.has(found)) return;
    copied.add(found);
    // Its own nested node_modules are copied as they are reached, not wholesale.
    const real = realpathSync(found);
    cpSync(real, join(to, relative(repoRoot, found)), {
      recursive: true,
      dereference: true,
      filter: (src) => src !== join(real, "node_modules"),
    });
    const pkg = readJson(join(found, "package.json"));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, found, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, found, true);
    // npm installs peers too, but not the optional ones.
    const peerMeta = (pkg.peerDependenciesMeta ?? {}) as unknown as Record<string, { optional?: boolean }>;
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) if (!peerMeta[dep]?.optional) visit(dep, found, false);
  };
  for (const name of names) visit(name, repoRoot, false);
}

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
  if (packages.length > 0) {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ dependencies: requested }) + "\n");
    if (npmInstall) {
      const arch = fn.architecture === "arm64" ? "arm64" : "x64";
      execFileSync(
        "npm",
        [
          "install",
          "--force",
          "--platform=linux",
          "--os=linux",
          `--arch=${arch}`,
          `--cpu=${arch}`,
          "--no-audit",
          "--no-fund",
        ],
        { cwd: dir, stdio: "ignore" },
      );
    } else {
      copyClosure(packages, dir);
    }
  }

  for (const { from, to } of fn.copyFiles) cpSync(join(repoRoot, from), join(dir, to ?? from), { recursive: true });

  return {
    fn,
    dir,
    handlerFile,
    handlerExport: exportName,
    bundleBytes: statSync(join(dir, handlerFile)).size,
    requested,
  };
}

/** The version of `name` installed in a package (or the repository's node_modules). */
export function installedVersion(dir: string, name: string): string | undefined {
  const file = join(dir, "node_modules", name, "package.json");
  return existsSync(file) ? (readJson(file).version as unknown as string) : undefined;
}
