/**
 * How a local command finds its services: the running `npm start` stack if it is up, else
 * embedded ones of its own over the same `.data/` (never both at once: see lock.ts).
 */
import { join } from "node:path";
import { config as processConfig, type Config } from "@tidings/core/config";
import { createContext, type Context } from "@tidings/core/context";
import { ensureTable } from "@tidings/core/store/db";
import { acquireLock, readLock, releaseLock, updateLock } from "./lock.ts";
import { startServices, type Services } from "./services.ts";

export interface LocalStack {
  ctx: Context;
  /** True when this process started the services itself. */
  embedded: boolean;
  close(): Promise<void>;
}

const port = (endpoint: string | undefined) => Number(new URL(endpoint ?? "http://x:0").port || 0);

/**
 * Starts dynalite (data under `.data/dynamodb`) and local SES, creates the table if missing,
 * and holds the data directory until close(). `fixedPorts` binds the configured endpoints'
 * ports (`npm start`); otherwise free ports are picked so nothing clashes.
 */
export async function startEmbedded(
  owner: string,
  cfg: Config = processConfig(),
  fixedPorts = false,
): Promise<{ services: Services; config: Config }> {
  const taken = acquireLock(cfg.dataDir, { owner, dynamodbEndpoint: "", sesEndpoint: "" });
  if (!taken.held) {
    const who = taken.owner.owner === "start" ? "`npm start`" : `\`npm run ${taken.owner.owner}\``;
    throw new Error(`${cfg.dataDir} is in use by ${who} (pid ${taken.owner.pid}); stop it first`);
  }
  try {
    const services = await startServices({
      dynamodbPath: join(cfg.dataDir, "dynamodb"),
      dynamodbPort: fixedPorts ? port(cfg.dynamodbEndpoint) : 0,
      sesPort: fixedPorts ? port(cfg.sesEndpoint) : 0,
    });
    const local = { ...cfg, dynamodbEndpoint: services.dynamodbEndpoint, sesEndpoint: services.sesEndpoint };
    await ensureTable(createContext(local).db);
    updateLock(cfg.dataDir, { owner, dynamodbEndpoint: services.dynamodbEndpoint, sesEndpoint: services.sesEndpoint });
    return { services, config: local };
  } catch (e) {
    releaseLock(cfg.dataDir);
    throw e;
  }
}

/** The services a CLI command (`npm run ingest|digest|…`) should use; says which on stderr. */
export async function useLocalStack(purpose: string): Promise<LocalStack> {
  const cfg = processConfig();
  let running = readLock(cfg.dataDir);
  // `npm start` takes the lock before its services listen; their endpoints follow a moment later.
  for (let waited = 0; running?.owner === "start" && !running.sesEndpoint && waited < 30_000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    running = readLock(cfg.dataDir);
  }
  if (running?.owner === "start" && !running.sesEndpoint) {
    throw new Error(`\`npm start\` (pid ${running.pid}) is still starting: try again in a moment`);
  }
  if (running?.owner === "start") {
    process.stderr.write(
      `Using the running local stack (npm start, pid ${running.pid}): DynamoDB ${running.dynamodbEndpoint}, SES ${running.sesEndpoint}\n`,
    );
    const ctx = createContext({ ...cfg, dynamodbEndpoint: running.dynamodbEndpoint, sesEndpoint: running.sesEndpoint });
    return { ctx, embedded: false, close: async () => {} };
  }
  const { services, config } = await startEmbedded(purpose, cfg);
  process.stderr.write(
    `No local stack is running: started embedded DynamoDB (data in ${cfg.dataDir}) and SES for this command.\n` +
      `(Mail sent now lives only until the command ends; run \`npm start\` to keep a mailbox.)\n`,
  );
  return {
    ctx: createContext(config),
    embedded: true,
    async close() {
      await services.close();
      releaseLock(cfg.dataDir);
    },
  };
}
