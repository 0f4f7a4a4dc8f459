/**
 * `nodejs.install` as SST 4 does it (pkg/runtime/node/build.go): a package.json beside the bundle
 * naming each package at the version the `dependencies` of the nearest package.json above the
 * build output give (`.sst/artifacts/<function>/…`, so the repository's root one), else "*"; then
 * `npm install --force --os=linux --cpu=<arch> …` in that directory, resolving afresh from the
 * registry.
 *
 * Here the packages are copied from node_modules with their dependency closure instead: the exact
 * files the tests ran, offline, in a second rather than ten; the check proves separately that the
 * versions SST would ask for are those. TIDINGS_LAMBDA_NPM_INSTALL=1 runs SST's npm command
 * instead (needs the registry).
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import type { DeclaredFunction } from "../support/sst-recorder.ts";
import { repoRoot as repoRootSlash } from "../support/processes.ts";

export const repoRoot = repoRootSlash.replace(/\/+$/, "");

/** Install with SST's own npm command (TIDINGS_LAMBDA_NPM_INSTALL=1) rather than by copying. */
export const npmInstall = process.env.TIDINGS_LAMBDA_NPM_INSTALL === "1";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, string>>;

/** `nodejs.install` as SST normalises it: a list means "*" for each. */
export function installList(fn: DeclaredFunction): Record<string, string> {
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

/**
 * Copies a folder as hard links where the file system allows (the same bytes under a path of the
 * package's own, at no copying cost), else as copies; symbolic links are followed. Skips `skip`.
 */
function linkTree(from: string, to: string, skip: string) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    if (source === skip) continue;
    if (statSync(source).isDirectory()) {
      linkTree(source, join(to, name), skip);
      continue;
    }
    try {
      linkSync(realpathSync(source), join(to, name));
    } catch {
      copyFileSync(source, join(to, name));
    }
  }
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
    linkTree(real, join(to, relative(repoRoot, found)), join(real, "node_modules"));
    const pkg = readJson(join(found, "package.json"));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, found, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, found, true);
    // npm installs peers too, but not the optional ones.
    const peerMeta = (pkg.peerDependenciesMeta ?? {}) as unknown as Record<string, { optional?: boolean }>;
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) if (!peerMeta[dep]?.optional) visit(dep, found, false);
  };
  for (const name of names) visit(name, repoRoot, false);
}

/** Writes SST's package.json into a package and installs what it names, for `architecture`. */
export function installPackages(dir: string, requested: Record<string, string>, architecture: string) {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ dependencies: requested }) + "\n");
  if (!npmInstall) return copyClosure(Object.keys(requested), dir);
  const arch = architecture === "arm64" ? "arm64" : "x64";
  const args = ["install", "--force", "--platform=linux", "--os=linux", `--arch=${arch}`, `--cpu=${arch}`];
  execFileSync("npm", [...args, "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore" });
}

/** The version of `name` installed in a package (or the repository's node_modules). */
export function installedVersion(dir: string, name: string): string | undefined {
  const file = join(dir, "node_modules", name, "package.json");
  return existsSync(file) ? (readJson(file).version as unknown as string) : undefined;
}
