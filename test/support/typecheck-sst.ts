/**
 * Type-checks sst.config.ts and every file under infra/ against the SST platform types that
 * `sst install` writes to `.sst/platform` (offline, no AWS account). Those types are SST's own
 * TypeScript sources and carry a few errors of their own under a newer compiler; only diagnostics
 * in our files count. Run as a script by `npm run typecheck`; `test/infra/sst-config.test.ts`
 * checks that a misspelt property fails it.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const sstConfigFile = `${root}sst.config.ts`;
export const infraDir = `${root}infra/`;

/** sst.config.ts and every infra file, imported or not. */
export const infraFiles = (): string[] => [
  sstConfigFile,
  ...readdirSync(infraDir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => infraDir + f),
];

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  types: ["node"],
};

// The platform's thousands of declaration files are parsed once per process, not per check.
const parsed = new Map<string, ts.SourceFile | undefined>();

/** Our diagnostics for sst.config.ts and infra/, with `sources` (absolute path → text) put in place of those files. */
export function checkInfra(sources: Record<string, string> = {}): readonly ts.Diagnostic[] {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => {
    const source = sources[name];
    if (source !== undefined) return ts.createSourceFile(name, source, version);
    if (!parsed.has(name)) parsed.set(name, getSourceFile(name, version, ...rest));
    return parsed.get(name);
  };
  const program = ts.createProgram(infraFiles(), options, host);
  return ts.getPreEmitDiagnostics(program).filter((d) => !d.file || !d.file.fileName.includes("/.sst/"));
}

export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnosticsWithColorAndContext(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const diagnostics = checkInfra();
  if (diagnostics.length > 0) {
    process.stderr.write(formatDiagnostics(diagnostics));
    process.exit(1);
  }
  console.log(`sst.config.ts and infra/ (${infraFiles().length - 1} files): types check against the SST platform.`);
}
