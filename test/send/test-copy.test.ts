import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendTestCopy } from "@tidings/core/send/test-copy";
import { getDigest } from "@tidings/core/store/digests";
import { sendTotals } from "@tidings/core/store/sends";
import { header } from "../support/delivery.ts";
import { startTestServices, type TestServices } from "../support/services.ts";
import { storeDigest } from "../support/sending.ts";

let services: TestServices;
beforeAll(async () => {
  services = await startTestServices();
});
afterAll(() => services.close());
beforeEach(() => services.clearMailbox());

describe("a test copy", () => {
  it("goes to any address with [TEST] in the subject and leaves the send records alone", async () => {
    const { week } = await storeDigest(services.ctx.db, "2026-W30");
    await sendTestCopy(services.ctx, week, "editor@example.org");
    const [mail] = await services.mailbox();
    expect(mail!.destination.to).toEqual(["editor@example.org"]);
    expect(mail!.subject).toBe(`[TEST] ${(await getDigest(services.ctx.db, week))!.subject}`);
    expect(header(mail!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(await sendTotals(services.ctx.db, week)).toEqual({ claimed: 0, sent: 0, failed: 0 });
    await expect(sendTestCopy(services.ctx, week, "not an address")).rejects.toThrow("not a usable email address");
  });
});
