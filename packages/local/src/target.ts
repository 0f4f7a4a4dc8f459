/**
 * Where `npm run export` / `import` work: the local stack (the running `npm start`, else
 * embedded services over `.data/`), or, with `--aws`, the deployed stage's table through the
 * SST links `npx sst shell --stage STAGE` provides. Only the flag selects AWS: links in the
 * environment alone never do.
 */
import { readConfig } from "@tidings/core/config";
import { createContext } from "@tidings/core/context";
import { useLocalStack, type LocalStack } from "./stack.ts";

export async function transferTarget(purpose: string, aws: boolean): Promise<LocalStack> {
  if (!aws) return useLocalStack(purpose);
  const ctx = createContext(readConfig(undefined, { linkedStage: true }));
  process.stderr.write(`Using the deployed stage's table ${ctx.config.tableName} (SST links).\n`);
  return { ctx, embedded: false, close: async () => {} };
}
