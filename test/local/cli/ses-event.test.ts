/** `npm run ses-event -- bounce|complaint ADDRESS`, run as a user runs it. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTs } from "../../support/processes.ts";

describe("npm run ses-event", () => {
  it("replays a sample bounce against the local stack and says so", async () => {
    const env = { TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "tidings-ses-event-")), TABLE_NAME: "tidings" };
    const run = runTs("packages/local/src/cli/ses-event.ts", ["bounce", "Replay@Example.com"], env);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("bounce (Permanent/General): Replay@Example.com is now suppressed");

    const again = runTs("packages/local/src/cli/ses-event.ts", ["complaint", "replay@example.com"], env);
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain("was already suppressed");

    const bad = runTs("packages/local/src/cli/ses-event.ts", ["bounce", "not an address"], env);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain("does not look like an email address");
  }, 60_000);
});
