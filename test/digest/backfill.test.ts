import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMissingDigests } from "@tidings/core/digest/backfill";
import { listDigests } from "@tidings/core/store/digests";
import { startTestServices, type TestServices } from "../support/services.ts";
import { putItems, storedItem } from "../support/digests.ts";

describe("building the missing digests (real dynalite)", () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await startTestServices();
    await putItems(services.ctx.db, [
      storedItem({ title: "Foundry output rises", published: "2026-05-12T10:00:00.000Z" }), // W20
      storedItem({ title: "Memory prices fall", published: "2026-04-02T10:00:00.000Z" }), // W14
      storedItem({ title: "An old story", published: "2024-12-31T10:00:00.000Z" }), // 2025-W01, long ago
      storedItem({ title: "This week's news", published: "2026-05-19T10:00:00.000Z" }), // W21: not complete yet
    ]);
  });
  afterAll(() => services.close());

  it("builds every complete week that has items, once", async () => {
    const now = new Date("2026-05-20T12:00:00Z");
    expect(await buildMissingDigests(services.ctx, { now })).toEqual(["2025-W01", "2026-W14", "2026-W20"]);
    expect((await listDigests(services.ctx.db)).map((d) => d.week)).toEqual(["2026-W20", "2026-W14", "2025-W01"]);
    expect(await buildMissingDigests(services.ctx, { now })).toEqual([]);
  });
});
