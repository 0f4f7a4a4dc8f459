/** What `npm run export` and `npm run import` share: their arguments, where they work, their report. */
import { parseArgs } from "node:util";
import type { TransferSummary } from "@tidings/core/transfer/newsletter";
import type { LocalStack } from "../stack.ts";
import { transferTarget } from "../target.ts";

/** `FILE [--aws]`, and the stack that flag selects; a usage line and exit 2 without a file. */
export async function transferCommand(command: "export" | "import"): Promise<{ file: string; target: LocalStack }> {
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
    process.stderr.write(`usage: npm run ${command} -- FILE [--aws]\n`);
    process.exit(2);
  }
  const target = await transferTarget(command, aws).catch((e: Error) => {
    process.stderr.write(`npm run ${command}: ${e.message}\n`);
    process.exit(1);
  });
  return { file, target };
}

/** "1,234 rows (subscriber 1,000, item 200, …)". */
export function describeRows(s: TransferSummary): string {
  const parts = Object.entries(s.byType)
    .sort(([, a], [, b]) => b - a)
    .map(([type, n]) => `${type} ${n.toLocaleString("en")}`);
  return `${s.rows.toLocaleString("en")} rows${parts.length ? ` (${parts.join(", ")})` : ""}`;
}
