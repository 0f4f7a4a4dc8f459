/**
 * Type-checks sst.config.ts against the SST platform types that `sst install` writes to
 * `.sst/platform` (offline, no AWS account). Those types are SST's own TypeScript sources and
 * carry a few errors of their own under a newer compiler; only diagnostics in our files count.
 */
import ts from "typescript";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
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
const program = ts.createProgram([`${root}sst.config.ts`], options);
const ours = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || !d.file.fileName.includes("/.sst/"));

const host: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => "\n",
};
if (ours.length > 0) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(ours, host));
  process.exit(1);
}
console.log("sst.config.ts: types check against the SST platform.");
