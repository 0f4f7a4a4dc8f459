/**
 * `npm run export -- FILE [--aws]`: the whole newsletter as JSON lines (one table row each,
 * DynamoDB JSON), from the local stack, or with `--aws` from the deployed stage under
 * `npx sst shell --stage STAGE`.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { exportNewsletter } from "@tidings/core/transfer/newsletter";
import { describeRows, transferCommand } from "./transfer.ts";

const { file, target } = await transferCommand("export");
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
