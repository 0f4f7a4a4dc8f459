/**
 * Importing readers from a CSV, through the API and the desk: the report's figures, the two
 * consent modes, nothing re-activated, a second import changing nothing, and an unsubscribed
 * reader in a `confirmed` import getting no digest in a real send.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@tidings/core/admin/api-keys";
import { recentActions } from "@tidings/core/admin/audit";
import { sendInProcess } from "@tidings/core/send/in-process";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { eraseSubscriber } from "@tidings/core/subscription/erase";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { addReaders, storeDigest } from "../support/sending.ts";
import { EDITOR, SAME_ORIGIN, useDesk } from "./desk.ts";

const bed = useDesk();
let key: string;
const idOf = (address: string) => subscriberId(bed.ctx, EmailAddress.parse(address));
const stateOf = async (address: string) => (await getSubscriber(bed.ctx.db, await idOf(address)))?.state;

const importCsv = async (csv: string, consent: string) => {
  const res = await bed.api(`/subscribers/import?consent=${consent}`, key, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** Every subscriber row, for before/after comparisons. */
const subscriberRows = async () =>
  ((await bed.ctx.db.client.send(new ScanCommand({ TableName: bed.ctx.db.table }))).Items ?? [])
    .filter((r) => String(r.PK).startsWith("SUB#"))
    .sort((a, b) => String(a.PK).localeCompare(String(b.PK)));

beforeAll(async () => {
  key = (await createApiKey(bed.ctx, "import tests", EDITOR, bed.now())).key;
  await addReaders(bed.ctx, 1, "left", "unsubscribed");
  await addReaders(bed.ctx, 1, "bounced", "suppressed");
  await addReaders(bed.ctx, 1, "already", "active");
  await addReaders(bed.ctx, 1, "gone", "active");
  await eraseSubscriber(bed.ctx, { email: EmailAddress.parse("gone0@example.com") }, bed.now());
});

const csv = [
  "Name,Email,Company",
  "Ann,ann@example.com,Acme",
  "Bob,BOB@Example.COM,Acme",
  "Bob again,bob@example.com,Acme", // duplicate, another spelling
  "No address,,Acme",
  "Broken,not-an-address,Acme",
  "Left,left0@example.com,", // unsubscribed: stays so
  "Bounced,bounced0@example.com,", // suppressed
  "Erased,gone0@example.com,", // erased: no import brings them back
  "Already,already0@example.com,",
  '"Quoted, name","carol@example.com",x',
  "Formula,'=dave@example.com,", // our export's guard against spreadsheet formulas
].join("\r\n");

describe("importing a CSV in confirmed mode", () => {
  it("reports every row, keeps states, and a second import changes nothing", async () => {
    const first = await importCsv(csv, "confirmed");
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      imported: 4,
      alreadySubscribed: 1,
      skipped: { unsubscribed: 1, suppressed: 2, duplicate: 1 },
      invalid: [
        { line: 5, reason: "Enter your email address." },
        { line: 6, reason: "That does not look like an email address (for example: name@example.com)." },
      ],
    });
    expect(await stateOf("ann@example.com")).toBe("active");
    expect(await stateOf("=dave@example.com")).toBe("active");
    expect(await stateOf("left0@example.com")).toBe("unsubscribed");
    expect(await stateOf("bounced0@example.com")).toBe("suppressed");
    expect(await stateOf("gone0@example.com")).toBe("erased");
    const ann = (await getSubscriber(bed.ctx.db, await idOf("ann@example.com")))!;
    expect(ann).toMatchObject({ source: "import", imported: { mode: "confirmed", by: `api-key:import tests` } });

    const before = await subscriberRows();
    const second = await importCsv(csv, "confirmed");
    expect(second.body).toMatchObject({
      imported: 0,
      alreadySubscribed: 5,
      skipped: { unsubscribed: 1, suppressed: 2, duplicate: 1 },
    });
    expect(await subscriberRows()).toEqual(before);
    expect((await recentActions(bed.ctx, bed.now())).filter((a) => a.action === "import")).toHaveLength(2);
  });

  it("an unsubscribed reader in the import gets no digest; the imported readers do", async () => {
    await bed.services.clearMailbox();
    await storeDigest(bed.ctx.db, "2026-W20");
    const summary = await sendInProcess(bed.ctx, "2026-W20", { consumers: 2 });
    const to = (await bed.services.mailbox()).flatMap((m) => m.destination.to.map((a) => a.toLowerCase()));
    expect(to).toContain("ann@example.com");
    expect(to).toContain("bob@example.com");
    expect(to).not.toContain("left0@example.com");
    expect(to).not.toContain("bounced0@example.com");
    expect(summary.failed).toBe(0);
  });
});

describe("importing in opt-in mode", () => {
  it("new readers are pending and get the confirmation email through the outbox; again: nothing", async () => {
    await bed.services.clearMailbox();
    const list = "email\nnew1@example.com\nnew2@example.com\nann@example.com\nleft0@example.com\n";
    const first = await importCsv(list, "opt-in");
    expect(first.body).toMatchObject({ imported: 2, alreadySubscribed: 1, skipped: { unsubscribed: 1 } });
    expect(await stateOf("new1@example.com")).toBe("pending");
    const mail = await bed.mailbox();
    expect(mail.map((m) => m.destination.to[0]).sort()).toEqual(["new1@example.com", "new2@example.com"]);
    expect(mail[0]!.body.text).toContain("/confirm?token=");

    await bed.services.clearMailbox();
    const again = await importCsv(list, "opt-in");
    expect(again.body).toMatchObject({ imported: 0, alreadySubscribed: 3 });
    expect(await bed.mailbox()).toEqual([]);
  });
});

describe("refusals", () => {
  it("a CSV without an email column, a missing consent mode", async () => {
    const noColumn = await importCsv("name\nAnn\n", "confirmed");
    expect(noColumn.status).toBe(400);
    expect((noColumn.body.error as { code: string }).code).toBe("admin.import_no_email_column");
    expect((await importCsv("email\na@example.com\n", "maybe")).status).toBe(400);
  });

  it("imports larger than the app's 16 KB form limit are taken, up to 5 MB", async () => {
    const big = "email\n" + Array.from({ length: 2000 }, (_, i) => `bulk${i}@example.com`).join("\n");
    expect(big.length).toBeGreaterThan(16 * 1024);
    const res = await importCsv(big, "confirmed");
    expect(res.body).toMatchObject({ imported: 2000 });
  });
});

describe("the desk's import form", () => {
  it("takes a file and a consent mode, with the session's CSRF token", async () => {
    const who = await bed.session();
    const form = new FormData();
    form.set("_csrf", who.csrf);
    form.set("consent", "confirmed");
    form.set("csv", new File(["email\ndesk1@example.com\n"], "readers.csv", { type: "text/csv" }));
    const res = await bed.app.request("/admin/subscribers/import", {
      method: "POST",
      headers: { ...SAME_ORIGIN, cookie: who.cookie },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Import done");
    expect(await stateOf("desk1@example.com")).toBe("active");
  });
});
