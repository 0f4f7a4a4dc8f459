/**
 * `npm run api-key -- create NAME`: creates a key for the JSON API (/api/v1) and prints it once,
 * alone on the last line of stdout (so `KEY=$(npm run -s api-key -- create site | tail -1)`
 * works). `list` shows the keys with their last use; `revoke ID` revokes one. Uses the running
 * stack, else starts the embedded services, like the other commands.
 */
import { apiKeys, createApiKey, revokeApiKey } from "@tidings/core/admin/api-keys";
import { isTidingsError } from "@tidings/core/error";
import { useLocalStack } from "../stack.ts";

const usage = "usage: npm run api-key -- create NAME | list | revoke ID";
const [command, ...rest] = process.argv.slice(2);
const argument = rest.join(" ").trim();
if (!(command === "create" && argument) && command !== "list" && !(command === "revoke" && argument)) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const stack = await useLocalStack("api-key");
try {
  const now = new Date();
  if (command === "create") {
    const { key, apiKey } = await createApiKey(stack.ctx, argument, "cli", now);
    process.stdout.write(
      `Created API key "${apiKey.name}" (id ${apiKey.id}). It is shown once; use it as Authorization: Bearer KEY.\n`,
    );
    process.stdout.write(`${key}\n`);
  } else if (command === "revoke") {
    await revokeApiKey(stack.ctx, argument, "cli", now);
    process.stdout.write(`Revoked ${argument}.\n`);
  } else {
    for (const k of await apiKeys(stack.ctx)) {
      const state = k.revokedAt ? `revoked ${k.revokedAt}` : "active";
      process.stdout.write(
        `${k.id}  ${k.name}  created ${k.createdAt}  last used ${k.lastUsedAt ?? "never"}  ${state}\n`,
      );
    }
  }
} catch (e) {
  process.stderr.write(`api-key: ${isTidingsError(e) ? e.message : (e as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await stack.close();
}
