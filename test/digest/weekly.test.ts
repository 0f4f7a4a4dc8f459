/** The weekly job, as the WeeklyDigest cron runs it, against real dynalite and the real templates. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { WeeklyDigestEvent, weeklyDigest } from "@tidings/core/digest/weekly";
import type { SendJob } from "@tidings/core/send/job";
import { getDigest } from "@tidings/core/store/digests";
import { startTestServices, type TestServices } from "../support/services.ts";
import { addReaders } from "../support/sending.ts";
import { putItems, storedItem } from "../support/digests.ts";

let services: TestServices;
const queued: SendJob[] = [];
const queue = { enqueue: async (jobs: SendJob[]) => void queued.push(...jobs) };

beforeAll(async () => {
  services = await startTestServices();
  await putItems(services.ctx.db, [
    storedItem({ title: "Foundry output climbs", published: "2026-05-12T09:00:00.000Z" }),
  ]);
});
afterAll(() => services.close());

it("reads the schedule's event and an operator's, and refuses anything else", () => {
  expect(WeeklyDigestEvent.parse({})).toEqual({});
  expect(WeeklyDigestEvent.parse({ week: "2026-W20", source: "console" })).toMatchObject({ week: "2026-W20" });
  expect(() => WeeklyDigestEvent.parse({ week: 20 })).toThrow();
  expect(() => WeeklyDigestEvent.parse("2026-W20")).toThrow();
});

it("builds the last complete week's digest and queues every active subscriber", async () => {
  const readers = await addReaders(services.ctx, 3, "weekly");
  const summary = await weeklyDigest(services.ctx, queue, {}, new Date("2026-05-18T06:00:00Z"));
  expect(summary).toMatchObject({ week: "2026-W20", status: "created", items: 1, recipients: 3, jobs: 1 });
  expect(queued).toEqual([{ week: "2026-W20", subscriberIds: expect.arrayContaining(readers.map((r) => r.id)) }]);
  expect((await getDigest(services.ctx.db, "2026-W20"))?.sendStartedAt).toBeDefined();
});

it("queues nothing for a week without items", async () => {
  queued.length = 0;
  expect(await weeklyDigest(services.ctx, queue, { week: "2026-W30" })).toEqual({ week: "2026-W30", status: "empty" });
  expect(queued).toEqual([]);
});
