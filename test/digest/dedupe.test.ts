import { describe, expect, it } from "vitest";
import { dedupe, normaliseLink, normaliseTitle } from "@tidings/core/digest/dedupe";
import { item } from "../support/digests.ts";

describe("dedupe", () => {
  it("normalises links: scheme, www, tracking parameters, fragment, trailing slash", () => {
    const a = normaliseLink("https://www.scmp.com/tech/article/1/?utm_source=rss_feed&b=2&a=1#top");
    expect(a).toBe("scmp.com/tech/article/1?a=1&b=2");
    expect(normaliseLink("http://scmp.com/tech/article/1?a=1&b=2&fbclid=x")).toBe(a);
    expect(normaliseLink("")).toBeNull();
    expect(normaliseLink("javascript:alert(1)")).toBeNull();
  });

  it("normalises titles: case, accents, curly quotes, punctuation", () => {
    expect(normaliseTitle("TSMC’s  Q2 profit — up 40%!")).toBe(normaliseTitle("tsmc's q2 profit: up 40%"));
    expect(normaliseTitle("Café owners welcome chips")).toBe("cafe owners welcome chips");
    expect(normaliseTitle("Podcast")).toBeNull();
  });

  it("keeps one copy of a story that two feeds carry under the same link", () => {
    const first = item({
      feedKey: "a",
      source: "Wire A",
      link: "https://news.example/x?utm_medium=rss",
      published: "2026-05-12T08:00:00Z",
    });
    const second = item({
      feedKey: "b",
      source: "Wire B",
      link: "https://www.news.example/x/",
      title: "Different words here",
      image: "https://img.example/x.jpg",
      published: "2026-05-12T09:00:00Z",
    });
    const out = dedupe([second, first]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ key: first.key, source: "Wire A", image: "https://img.example/x.jpg" });
  });

  it("keeps one copy of a story that two feeds carry under the same title", () => {
    const a = item({ title: "Samsung starts 2nm production", link: "https://a.example/1" });
    const b = item({
      title: "Samsung Starts 2nm Production.",
      link: "https://b.example/2",
      published: "2026-05-14T00:00:00Z",
    });
    const c = item({ title: "SK Hynix raises memory prices", link: "https://c.example/3" });
    expect(dedupe([a, b, c]).map((i) => i.key)).toEqual([a.key, c.key]);
  });

  it("folds a chain of copies into the first: b shares a's link, c shares b's title", () => {
    const a = item({
      link: "https://a.example/1",
      title: "First headline about wafers",
      published: "2026-05-11T00:00:00Z",
    });
    const b = item({
      link: "https://a.example/1",
      title: "Second headline about wafers",
      published: "2026-05-12T00:00:00Z",
    });
    const c = item({
      link: "https://c.example/9",
      title: "Second headline about wafers",
      published: "2026-05-13T00:00:00Z",
    });
    expect(dedupe([c, b, a]).map((i) => i.key)).toEqual([a.key]);
  });

  it("does not depend on the order items were read in", () => {
    const items = [
      item({ title: "Same story told twice" }),
      item({ title: "Same story told twice", feedKey: "z" }),
      item(),
    ];
    expect(dedupe(items)).toEqual(dedupe([...items].reverse()));
  });
});
