import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@tidings/functions/app/app";
import { buildDigest } from "@tidings/core/digest/build";
import { publicItemId } from "@tidings/core/digest/source";
import { startTestServices, type TestServices } from "../support/services.ts";
import { putItems, standIn, storedItem } from "../support/digests.ts";

describe("the digest archive on the web (real dynalite)", () => {
  let services: TestServices;
  let app: ReturnType<typeof createApp>;
  const w20 = [
    storedItem({
      title: "Nvidia unveils AI training chip",
      published: "2026-05-12T08:00:00.000Z",
      image: "https://img.example/n.jpg",
    }),
    storedItem({ title: "AI inference startup raises funds", published: "2026-05-14T08:00:00.000Z" }),
    storedItem({ title: "New export rules for lithography tools", published: "2026-05-13T08:00:00.000Z" }),
    storedItem({ title: "Conference season opens in Taipei", published: "2026-05-15T08:00:00.000Z" }),
  ];
  const duplicate = storedItem({
    feedKey: "wire-2",
    title: w20[0]!.title,
    link: "https://elsewhere.example/nvidia",
    published: "2026-05-12T09:00:00.000Z",
  });
  const w19 = [storedItem({ title: "DRAM makers lift prices", published: "2026-05-06T08:00:00.000Z" })];
  const id = (i: (typeof w20)[number]) => publicItemId(i.feedKey, i.itemKey);

  beforeAll(async () => {
    services = await startTestServices();
    await putItems(services.ctx.db, [...w20, duplicate, ...w19]);
    await buildDigest(services.ctx, "2026-W19", { classifier: standIn });
    await buildDigest(services.ctx, "2026-W20", { classifier: standIn });
    app = createApp({ ctx: services.ctx, clientAddress: () => "127.0.0.1" });
  });
  afterAll(() => services.close());

  it("lists every digest, newest first, with its week, dates, item count and subject", async () => {
    const res = await app.request("/digests");
    expect(res.status).toBe(200);
    const $ = load(await res.text());
    const rows = $("ul.archive li")
      .map((_, li) => [
        [$(li).find("a").text(), $(li).find(".muted").text().replace(/\s+/g, " "), $(li).find(".subject").text()],
      ])
      .get();
    expect(rows).toEqual([
      [
        "Week 20, 2026",
        "· 11 – 17 May 2026 · 4 stories",
        expect.stringMatching(/^Tidings: Semiconductors · .* · AI inference startup raises funds$/),
      ],
      ["Week 19, 2026", "· 4 – 10 May 2026 · 1 story", expect.stringMatching(/DRAM makers lift prices$/)],
    ]);
    expect(
      $("ul.archive a")
        .map((_, a) => $(a).attr("href"))
        .get(),
    ).toEqual(["/digests/2026-W20", "/digests/2026-W19"]);
  });

  it("shows a week's digest with exactly that week's items, each once, under its theme", async () => {
    const res = await app.request("/digests/2026-W20");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const $ = load(await res.text());
    const placed: [string, string][] = [];
    let theme = "";
    $("h2.theme-heading, .card-title").each((_, e) => {
      if ($(e).is("h2")) theme = $(e).text();
      else placed.push([theme, $(e).text()]);
    });
    expect(placed).toEqual([
      ["AI chips & computing", "AI inference startup raises funds"],
      ["AI chips & computing", "Nvidia unveils AI training chip"],
      ["Foundries & manufacturing", "New export rules for lithography tools"],
      ["More news", "Conference season opens in Taipei"],
    ]);
    expect($("img.card-thumb").attr("src")).toBe("https://img.example/n.jpg");
  });

  it("neutralises personal links: no unsubscribe placeholder or link on the web", async () => {
    const page = await (await app.request("/digests/2026-W20")).text();
    expect(page).not.toContain("{{");
    expect(page).not.toMatch(/unsubscribe/i);
    const email = await (await app.request("/digests/2026-W20/email")).text();
    expect(email).not.toContain("{{");
    expect(load(email)("a.footer-link:contains('Unsubscribe')").attr("href")).toBe("#");
  });

  it("serves the digest's HTML with a CSP that allows its inline styles and no script", async () => {
    const res = await app.request("/digests/2026-W20");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // Every other page keeps the app's strict policy.
    expect((await app.request("/digests")).headers.get("content-security-policy")).toContain("style-src 'self'");
  });

  it("gives the week as JSON, in the documented shape", async () => {
    const res = await app.request("/digests/2026-W20.json");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      week: "2026-W20",
      subject: expect.stringContaining("AI inference startup raises funds"),
      sections: [
        {
          theme: "AI chips & computing",
          items: [w20[1]!, w20[0]!].map((i) => ({ id: id(i), title: i.title, link: i.link })),
        },
        { theme: "Foundries & manufacturing", items: [{ id: id(w20[2]!), title: w20[2]!.title, link: w20[2]!.link }] },
        { theme: "More news", items: [{ id: id(w20[3]!), title: w20[3]!.title, link: w20[3]!.link }] },
      ],
    });
  });

  it("answers 404 for a week without a digest, or no week at all", async () => {
    for (const path of ["/digests/2026-W05", "/digests/2026-W99", "/digests/not-a-week", "/digests/2026-W05/email"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      const $ = load(await res.text());
      expect($("h1").text(), path).toBe("Not found");
    }
    expect(await (await app.request("/digests/2026-W05")).text()).toContain("There is no digest for 2026-W05.");
    const json = await app.request("/digests/2026-W05.json");
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({
      error: { code: "digest.not_found", message: "There is no digest for 2026-W05." },
    });
  });
});
