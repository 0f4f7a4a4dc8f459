/**
 * `npm run import -- FILE [--aws]`: restores an export into an empty table: the local stack's,
 * or with `--aws` the deployed stage's under `npx sst shell --stage STAGE`. A table that holds
 * anything is refused.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { isTidingsError } from "@tidings/core/error";
import { importNewsletter } from "@tidings/core/transfer/newsletter";
import { transferTarget } from "../target.ts";
import { describeRows } from "./transfer-report.ts";

const usage = "usage: npm run import -- FILE [--aws]";

/** The file's lines, read only once iterated (readline drops lines emitted before anyone listens). */
async function* linesOf(path: string) {
  yield* createInterface({ input: createReadStream(path), crlfDelay: Infinity });
}
let file: string | undefined;
let aws = false;
try {
  const { positionals, values } = parseArgs({
    options: { aws: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  [file] = positionals;
  aws = values.aws;
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
}
if (!file) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const target = await transferTarget("import", aws).catch((e: Error) => {
  process.stderr.write(`npm run import: ${e.message}\n`);
  process.exit(1);
});
try {
  const summary = await importNewsletter(target.ctx.db, linesOf(file));
  process.stdout.write(`Imported ${describeRows(summary)} into ${target.ctx.config.tableName}.\n`);
} catch (e) {
  const code = (e as NodeJS.ErrnoException).code;
  if (!isTidingsError(e) && code !== "ENOENT") throw e;
  process.stderr.write(`npm run import: ${code === "ENOENT" ? `no file ${file}` : (e as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await target.close();
}
