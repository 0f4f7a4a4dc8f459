/** The corpus's RSS 0.9x and 1.0 (RDF) feeds: real values, item by item. */
import { describe, expect, it } from "vitest";
import { parseCorpus } from "../support/feeds.ts";

describe("RSS 0.9x and 1.0", () => {
  it("heraldsun (0.92): two-digit year, time without a colon", () => {
    const feed = parseCorpus("rssparser__heraldsun-rss092.rss");
    expect(feed).toMatchObject({
      format: "rss09",
      title: "RSS0.92 Example",
      link: "http://www.oreilly.com/example/index.html",
    });
    expect(feed.items.map((i) => [i.title, i.link, i.summary])).toEqual([
      ["The First Item", "http://www.oreilly.com/example/001.html", "This is the first item."],
      ["The Second Item", "http://www.oreilly.com/example/002.html", "This is the second item."],
    ]);
    expect(feed.items[0]!.categories).toEqual(["Business/Industries/Publishing/Publishers/Nonfiction/"]);
  });

  it("folha (0.91): a newline before the XML declaration, Latin-1", () => {
    const feed = parseCorpus("rssparser__folha-rss091.rss");
    expect(feed).toMatchObject({ format: "rss09", title: "Folha.com - Colunas - Futebol na Rede" });
    expect(feed.items).toHaveLength(15);
    expect(feed.items[0]!.title).toBe("Vida de jogador: trocando seis por nada");
    expect(feed.items[0]!.summary).toMatch(/^Diariamente acompanhamos jogadores reclamando da situação dos clubes/);
  });

  it("onestepback (0.91): the Netscape DOCTYPE is never fetched; its HTML entities still decode", () => {
    const feed = parseCorpus("feedjira__onestepback-rss091-doctype.xml");
    expect(feed).toMatchObject({
      format: "rss09",
      title: "{ |one, step, back| }",
      link: "http://www.onestepback.org/index.cgi",
    });
    expect(feed.items).toHaveLength(10);
    expect(feed.items[0]).toMatchObject({
      title: "Presenting for Presenters",
      link: "http://www.onestepback.org/index.cgi/Tech/Conferences/RubyConf2008/PresentingForPresenters.red",
      published: null,
    });
    expect(feed.items[0]!.summary).toMatch(
      /^If you are speaking at RubyConf this year, we have a special opportunity for you\./,
    );
  });

  it("craigslist (1.0): items beside the channel, dc:date", () => {
    const feed = parseCorpus("rssparser__craigslist-rdf.rss");
    expect(feed).toMatchObject({ format: "rss1", link: "https://sfbay.craigslist.org/search/apa" });
    expect(feed.items).toHaveLength(25);
    expect(feed.items[0]).toMatchObject({
      title: "Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2",
      link: "http://sfbay.craigslist.org/eby/apa/6186664607.html",
      published: "2017-06-21T17:33:10.000Z",
    });
  });

  it("Slashdot (1.0): ISO-8859-1, dc:creator and dc:subject", () => {
    const feed = parseCorpus("feedjira__Slashdot-rdf-iso8859-1.xml");
    expect(feed).toMatchObject({ format: "rss1", title: "Slashdot", link: "http://slashdot.org/" });
    expect(feed.items).toHaveLength(15);
    expect(feed.items[0]).toMatchObject({
      title: "Windows 7 Taskbar Not So Similar To OS X Dock After All",
      link: "http://tech.slashdot.org/article.pl?sid=09%2F01%2F22%2F2338214&from=rss",
      published: "2009-01-23T01:19:00.000Z",
      author: "timothy",
      categories: ["gui"],
    });
  });
});
