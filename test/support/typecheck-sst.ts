/**
 * Type-checks sst.config.ts against the SST platform types that `sst install` writes to
 * `.sst/platform` (offline, no AWS account). Those types are SST's own TypeScript sources and
 * carry a few errors of their own under a newer compiler; only diagnostics in our files count.
 * Run as a script by `npm run typecheck`; `test/foundation/sst-config.test.ts` checks that a
 * misspelt property fails it.
 */
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const sstConfigFile = `${root}sst.config.ts`;

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

/** Our diagnostics for sst.config.ts, or for `source` put in its place. */
export function checkSstConfig(source?: string): readonly ts.Diagnostic[] {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => {
    if (name === sstConfigFile && source !== undefined) return ts.createSourceFile(name, source, version);
    if (!parsed.has(name)) parsed.set(name, getSourceFile(name, version, ...rest));
    return parsed.get(name);
  };
  const program = ts.createProgram([sstConfigFile], options, host);
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
  const diagnostics = checkSstConfig();
  if (diagnostics.length > 0) {
    process.stderr.write(formatDiagnostics(diagnostics));
    process.exit(1);
  }
  console.log("sst.config.ts: types check against the SST platform.");
}
