/**
 * `npm run import -- FILE [--aws]`: restores an export into an empty table: the local stack's,
 * or with `--aws` the deployed stage's under `npx sst shell --stage STAGE`. A table that holds
 * anything is refused.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { isTidingsError } from "@tidings/core/error";
import { importNewsletter } from "@tidings/core/transfer/newsletter";
import { describeRows, transferCommand } from "./transfer.ts";

/** The file's lines, read only once iterated (readline drops lines emitted before anyone listens). */
async function* linesOf(path: string) {
  yield* createInterface({ input: createReadStream(path), crlfDelay: Infinity });
}

const { file, target } = await transferCommand("import");
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
