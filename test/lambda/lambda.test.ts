/**
 * Every function in infra/ as Lambda runs it: built the way SST 4 builds it into a directory that
 * holds only what its zip holds (test/lambda/package.ts), started cold in a process of its own
 * with the package as working directory and the environment Lambda and SST set
 * (test/lambda/invoke.ts), and invoked with events of the shapes AWS sends
 * (test/support/events.ts), against local DynamoDB, SES and SQS. One reader's path runs through
 * all six: signup (Api) → confirmation email (ConfirmQueue) → confirm (Api) → ingest
 * (HourlyIngest) → digest and fan-out (WeeklyDigest) → delivery (SendQueue) → bounce
 * (HandleSesEvents) → the archive (Api).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@tidings/core/admin/api-keys";
import { lastCompleteWeek } from "@tidings/core/digest/week";
import { getSend } from "@tidings/core/store/sends";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import {
  functionUrlEvent,
  schedulerEvent,
  sesBounceEvent,
  sesSendEvent,
  snsEvent,
  sqsEvent,
} from "../support/events.ts";
import { repoRoot } from "../support/processes.ts";
import { addReaders } from "../support/sending.ts";
import type { DeclaredFunction } from "../support/sst-recorder.ts";
import { cdnUrl, sesAccount, startHarness, type ApiResponse, type Harness } from "./harness.ts";
import { installedVersion, npmInstall } from "./install.ts";

const reader = "lambda.reader@example.com";
let h: Harness;

beforeAll(async () => {
  vi.stubEnv("AWS_SES_ACCOUNT", JSON.stringify(sesAccount));
  h = await startHarness();
}, 180_000);
afterAll(() => h?.stop(), 60_000);

const invoke = (name: string, event: unknown) => h.invoke(name, event);
const get = (path: string) => h.get(path);
const declared = (name: string): DeclaredFunction => h.packages.get(name)!.fn;
const batchSize = (name: string) => (declared(name).args.subscription as { batch: { size: number } }).batch.size;
const readerId = () => subscriberId(h.services.ctx, EmailAddress.parse(reader));

describe("every function as Lambda runs it", () => {
  it("checks every handler, each declared once in infra/", () => {
    const handlers = readdirSync(join(repoRoot, "packages/functions/src/lambda")).map((f) =>
      f.replace(/\.ts$/, ".handler"),
    );
    expect([...h.packages.values()].map((p) => p.fn.handler.split("/").pop()).sort()).toEqual(handlers.sort());
  });

  it("packages hold the bundle, the copied files and the installed packages at the tested versions", () => {
    for (const pkg of h.packages.values()) {
      const expected = ["packages", ...pkg.fn.copyFiles.map((c) => (c.to ?? c.from).split("/")[0]!)];
      if (Object.keys(pkg.requested).length > 0) expected.push("node_modules", "package.json");
      if (Object.keys(pkg.requested).length > 0 && npmInstall) expected.push("package-lock.json");
      // resource.enc (the links) is SST's too, written when the function is started here.
      const files = readdirSync(pkg.dir).filter((f) => f !== "resource.enc");
      expect(files.sort(), pkg.fn.name).toEqual([...new Set(expected)].sort());
      for (const [name, version] of Object.entries(pkg.requested)) {
        // SST asks npm for this version: it must be the one the tests ran, not "*" or a range.
        expect(version, `${pkg.fn.name}: SST installs ${name}@${version}`).toBe(installedVersion(repoRoot, name));
        expect(installedVersion(pkg.dir, name)).toBe(version);
      }
    }
    expect(Object.keys(h.packages.get("Api")!.requested).sort()).toEqual(["handlebars", "mjml"]);
  });

  it("Api: the landing page and health answer; its import loads neither MJML nor Handlebars", async () => {
    const api = await h.fn("Api");
    expect(api.loadedAtImport.filter((p) => p === "mjml" || p === "handlebars")).toEqual([]);
    const home = await get("/");
    expect(home.statusCode).toBe(200);
    expect(home.headers["content-type"]).toMatch(/text\/html/);
    expect(home.body).toContain('name="email"');
    expect((await get("/health")).statusCode).toBe(200);
  });

  it("Api: POST /subscribe answers and hands one message to the ConfirmQueue", async () => {
    const event = functionUrlEvent({
      method: "POST",
      path: "/subscribe",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: reader, form: "home" }).toString(),
    });
    const { value } = await invoke("Api", event);
    expect(value).toMatchObject({ statusCode: 200 });
    expect(h.sqs.take("ConfirmQueue")).toHaveLength(1);
  });

  it("ConfirmQueue: sends the confirmation (links on CloudFront's URL); a malformed message is reported, not half-processed", async () => {
    await invoke(
      "Api",
      functionUrlEvent({
        method: "POST",
        path: "/subscribe",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: reader }),
      }),
    );
    const bodies = [...h.sqs.take("ConfirmQueue"), "{ not json"];
    expect(bodies.length).toBeLessThanOrEqual(batchSize("ConfirmQueue"));
    const event = sqsEvent(bodies, "ConfirmQueue");
    const { value, loaded } = await invoke("ConfirmQueue", event);
    expect(value).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records.at(-1)!.messageId }] });
    expect(loaded).toContain("mjml"); // the dynamic import resolved inside the package
    const mail = (await h.services.mailbox()).filter((m) => m.destination.to[0] === reader);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body.text).toContain(`${cdnUrl}/confirm?token=`);
  });

  it("Api: the emailed link confirms the reader", async () => {
    const [mail] = (await h.services.mailbox()).filter((m) => m.destination.to[0] === reader);
    const link = new URL(/https:\/\/\S+\/confirm\?token=[\w.-]+/.exec(mail!.body.text!)![0]);
    expect((await get(link.pathname + link.search)).statusCode).toBe(200);
    expect((await getSubscriber(h.services.ctx.db, await readerId()))?.state).toBe("active");
  });

  it("HourlyIngest: the scheduler's event ingests FEEDS", async () => {
    const { value } = await invoke("HourlyIngest", schedulerEvent(declared("HourlyIngest").event));
    expect(value).toMatchObject({ feeds: 1, new: 50, failed: 0 });
  });

  it("WeeklyDigest: the scheduler's event builds the last complete week; a named week is built and queued", async () => {
    const scheduled = await invoke("WeeklyDigest", schedulerEvent(declared("WeeklyDigest").event));
    expect(scheduled.value).toMatchObject({ week: lastCompleteWeek(new Date(), "UTC") });
    const { value, loaded } = await invoke("WeeklyDigest", { week: "2026-W20" });
    expect(value).toMatchObject({ week: "2026-W20", status: "created", recipients: 1 });
    expect(loaded).toEqual(expect.arrayContaining(["mjml", "handlebars"]));
    expect(h.sqs.take("SendQueue")).toHaveLength(1);
    expect((await get("/digests/2026-W20")).statusCode).toBe(200);
    expect(JSON.parse((await get("/digests/2026-W20.json")).body)).toMatchObject({ week: "2026-W20" });
    expect((await get("/digests")).body).toContain("2026-W20");
  });

  it("SendQueue: delivers the job (unsubscribe link on CloudFront's URL); a malformed job is reported", async () => {
    await invoke("WeeklyDigest", { week: "2026-W20" }); // queues the job again: the first was taken
    const [job] = h.sqs.take("SendQueue");
    expect(batchSize("SendQueue")).toBe(1);
    expect((await invoke("SendQueue", sqsEvent([job!], "SendQueue"))).value).toEqual({ batchItemFailures: [] });
    const malformed = sqsEvent(["{ not json"], "SendQueue");
    expect((await invoke("SendQueue", malformed)).value).toEqual({
      batchItemFailures: [{ itemIdentifier: malformed.Records[0]!.messageId }],
    });
    const digest = (await h.services.mailbox()).filter((m) => m.destination.to[0] === reader).at(-1)!;
    expect(digest.headers?.find((h) => h.name === "List-Unsubscribe")?.value).toContain(
      `<${cdnUrl}/unsubscribe?token=`,
    );
    expect((await getSend(h.services.ctx.db, "2026-W20", await readerId()))?.status).toBe("sent");
    // Powertools Metrics in the embedded metric format, one document per invocation that counted.
    const emf = (await h.fn("SendQueue"))
      .logs()
      .split("\n")
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line.slice(line.indexOf("{"))) as Record<string, unknown>);
    expect(emf).toContainEqual(expect.objectContaining({ service: "tidings", EmailsSent: 1, EmailsFailed: 0 }));
  });

  it("HandleSesEvents: an SNS notification of SES events is applied: the bounce suppresses the reader", async () => {
    const sent = {
      messageId: "0100018f-check",
      to: reader,
      from: "digest@news.example.com",
      tags: { digest: ["2026-W20"], subscriber: [await readerId()] },
    };
    const { value } = await invoke(
      "HandleSesEvents",
      snsEvent("SesEvents", [sesSendEvent(sent), sesBounceEvent(sent)]),
    );
    expect(value).toBeUndefined();
    expect((await getSubscriber(h.services.ctx.db, await readerId()))?.state).toBe("suppressed");
  });

  it("Api + ConfirmQueue: an editor signs in to the desk with the emailed link (a __Host- cookie on https)", async () => {
    const origin = cdnUrl;
    const form = (path: string, fields: Record<string, string>, cookie?: string) =>
      functionUrlEvent({
        method: "POST",
        path,
        headers: { origin, "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await invoke("Api", form("/admin/sign-in", { email: "editor@news.example.com" }))).value).toMatchObject({
      statusCode: 200,
    });
    const bodies = h.sqs.take("ConfirmQueue");
    expect(bodies).toHaveLength(1);
    expect((await invoke("ConfirmQueue", sqsEvent(bodies, "ConfirmQueue"))).value).toEqual({ batchItemFailures: [] });
    const mail = (await h.services.mailbox()).filter((m) => m.destination.to[0] === "editor@news.example.com");
    const token = new RegExp(`${cdnUrl}/admin/sign-in\\?token=([\\w-]+)`).exec(mail.at(-1)!.body.text!)![1]!;
    expect((await get(`/admin/sign-in?token=${token}`)).statusCode).toBe(200);
    const { value } = await invoke("Api", form("/admin/sign-in/link", { token }));
    const signedIn = value as { statusCode: number; cookies?: string[] };
    expect(signedIn.statusCode).toBe(303);
    const cookie = signedIn.cookies!.find((c) => c.startsWith("__Host-tidings_session="))!;
    expect(cookie).toMatch(/; Secure/);
    const dashboard = await invoke(
      "Api",
      functionUrlEvent({ path: "/admin", headers: { cookie: cookie.split(";")[0]! } }),
    );
    expect(dashboard.value).toMatchObject({ statusCode: 200 });
  });

  it("THEMES_FILE at deploy time: Api and WeeklyDigest carry the file, list and file by its themes", async () => {
    const themesFile = "test/fixtures/themes/sport/themes.json";
    const sport = JSON.parse(readFileSync(join(repoRoot, themesFile), "utf8")) as { themes: { name: string }[] };
    const names = [...sport.themes.map((t) => t.name), "More news"];
    const custom = await h.redeploy({ THEMES_FILE: themesFile }, ["Api", "WeeklyDigest"]);
    for (const pkg of custom.packages.values()) {
      expect(pkg.fn.environment.THEMES_FILE, pkg.fn.name).toBe("themes.json");
      expect(readFileSync(join(pkg.dir, "themes.json"), "utf8")).toBe(readFileSync(join(repoRoot, themesFile), "utf8"));
    }
    expect(declared("Api").environment.THEMES_FILE).toBeUndefined(); // the default deploy bundles the shipped file

    const home = (await custom.invoke("Api", functionUrlEvent({ path: "/" }))).value as ApiResponse;
    for (const name of names) expect(home.body).toContain(name.replaceAll("&", "&amp;"));
    expect(home.body).not.toContain("Memory &amp; storage");

    const { value } = await custom.invoke("WeeklyDigest", { week: "2026-W19" });
    expect(value).toMatchObject({ week: "2026-W19", status: "created" });
    h.sqs.take("SendQueue"); // its delivery is not this test's
    const digest = JSON.parse((await get("/digests/2026-W19.json")).body) as { sections: { theme: string }[] };
    expect(digest.sections.length).toBeGreaterThan(0);
    for (const { theme } of digest.sections) expect(names).toContain(theme);
  });

  it("REVIEW=on: WeeklyDigest mails the editors a draft; the Api edits and approves it; SendQueue starts and delivers it", async () => {
    const { ctx } = h.services;
    const [reviewer] = await addReaders(ctx, 1, "lambda-review-");
    const { key } = await createApiKey(ctx, "lambda check", "editor@news.example.com", new Date());
    const reviewing = await h.redeploy({ REVIEW: "on" }, ["WeeklyDigest"]);
    expect(reviewing.packages.get("WeeklyDigest")!.fn.environment.REVIEW).toBe("on");
    const built = await reviewing.invoke("WeeklyDigest", { week: "2026-W18" });
    expect(built.value).toMatchObject({ week: "2026-W18", status: "created", review: "requested" });
    expect(h.sqs.take("SendQueue")).toEqual([]);
    const asked = (await h.services.mailbox()).filter((m) => m.destination.to[0] === "editor@news.example.com").at(-1)!;
    expect(asked.body.text).toContain(`${cdnUrl}/admin/digests/2026-W18`);

    const api = (method: string, path: string, body?: unknown) =>
      invoke(
        "Api",
        functionUrlEvent({
          method,
          path: `/api/v1/digests/2026-W18${path}`,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ).then(({ value }) => value as ApiResponse);
    expect(JSON.parse((await api("GET", "")).body)).toMatchObject({ status: "draft" });
    const edited = await api("PATCH", "", { note: "Checked on **Lambda**." }); // re-rendered in the Api
    expect([edited.statusCode, JSON.parse(edited.body).note]).toEqual([200, "Checked on **Lambda**."]);
    expect((await api("POST", "/approve")).statusCode).toBe(202);

    const [start] = h.sqs.take("SendQueue");
    expect(JSON.parse(start!)).toEqual({ week: "2026-W18", start: true });
    expect((await invoke("SendQueue", sqsEvent([start!], "SendQueue"))).value).toEqual({ batchItemFailures: [] });
    const jobs = h.sqs.take("SendQueue");
    expect(jobs).toHaveLength(1);
    expect((await invoke("SendQueue", sqsEvent(jobs, "SendQueue"))).value).toEqual({ batchItemFailures: [] });
    const mail = (await h.services.mailbox()).find((m) => m.destination.to[0] === reviewer!.email)!;
    expect(mail.body.html).toContain("Checked on <strong>Lambda</strong>.");
    expect((await api("PATCH", "", { note: "late" })).statusCode).toBe(409);
  });
});
