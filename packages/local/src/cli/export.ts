/**
 * `npm run export -- FILE [--aws]`: the whole newsletter as JSON lines (one table row each,
 * DynamoDB JSON), from the local stack, or with `--aws` from the deployed stage under
 * `npx sst shell --stage STAGE`.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { exportNewsletter } from "@tidings/core/transfer/newsletter";
import { transferTarget } from "../target.ts";
import { describeRows } from "./transfer-report.ts";

const usage = "usage: npm run export -- FILE [--aws]";
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

const target = await transferTarget("export", aws).catch((e: Error) => {
  process.stderr.write(`npm run export: ${e.message}\n`);
  process.exit(1);
});
const out = createWriteStream(file, { flags: "wx" });
try {
  await once(out, "open");
  const summary = await exportNewsletter(target.ctx.db, async (line) => {
    if (!out.write(line + "\n")) await once(out, "drain");
  });
  out.end();
  await once(out, "finish");
  process.stdout.write(`Exported ${describeRows(summary)} to ${file}.\n`);
} catch (e) {
  out.destroy();
  const message =
    (e as NodeJS.ErrnoException).code === "EEXIST" ? `${file} exists: choose a new file` : (e as Error).message;
  process.stderr.write(`npm run export: ${message}\n`);
  process.exitCode = 1;
} finally {
  await target.close();
}
