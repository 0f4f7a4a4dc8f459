/** The corpus's real-world RSS 2.0 feeds: real values, item by item (other encodings, podcasts, 0.9x and 1.0: the other corpus-*.test.ts). */
import { describe, expect, it } from "vitest";
import { itemNamed, parseCorpus } from "../support/feeds.ts";

describe("RSS 2.0", () => {
  it("guardian: dc:creator, every category, the widest media:content", () => {
    const feed = parseCorpus("rssparser__guardian.rss");
    expect(feed).toMatchObject({ format: "rss2", title: "The Guardian", link: "https://www.theguardian.com/us" });
    expect(feed.items).toHaveLength(55);
    const first = feed.items[0]!;
    expect(first).toMatchObject({
      id: "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord",
      title: "Trump State of the Union address promised unity but emphasized discord",
      link: "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord",
      published: "2018-01-31T07:26:05.000Z",
      author: "David Smith in Washington",
      categories: [
        "Donald Trump",
        "State of the Union address",
        "US news",
        "US politics",
        "Democrats",
        "Republicans",
        "US Congress",
      ],
    });
    // Two sizes are offered (w=140 and w=460): the wider one, entities decoded.
    expect(first.image).toBe(
      "https://i.guim.co.uk/img/media/b73c8752cd4667c923dff7f1542f1fb20089e421/0_108_3000_1799/master/3000.jpg?w=460&q=55&auto=format&usm=12&fit=max&s=a606a273a90104e57b1e09bc4c0a1e11",
    );
    expect(first.summary).toMatch(/^The president’s ‘new American moment’ speech stirred Republican applause/);
    expect(itemNamed(feed, "Earth's ultimate yogis – in pictures").categories).toContain("Health & wellbeing");
  });

  it("content-encoded (Medium): CDATA titles, dc:creator, the full content stands in for a missing description", () => {
    const feed = parseCorpus("rssparser__content-encoded.rss");
    expect(feed).toMatchObject({ format: "rss2", title: "Food in Invironment on Medium" });
    expect(feed.items).toHaveLength(7);
    const forager = itemNamed(feed, "THE CREATIVE FORAGER");
    expect(forager).toMatchObject({
      id: "https://medium.com/p/125af37d838f",
      link: "https://medium.com/invironment/the-creative-forager-125af37d838f?source=rss----d12c403d4976--food",
      published: "2018-04-09T18:55:38.000Z",
      author: "Jeremy Puma",
      categories: ["plants", "environment", "nature", "foraging", "food"],
      image: "https://cdn-images-1.medium.com/max/938/1*C_nVpehD-NKBgtVEULabmQ.jpeg",
    });
    expect(forager.summary).toMatch(/^Using Wild Ingredients in the Kitchen HEY, YOU! YES, YOU WITH THE EYEBALLS!/);
    // A long article becomes an excerpt, cut at a word.
    expect(forager.summary.length).toBeLessThanOrEqual(600);
    expect(forager.summary.endsWith("…")).toBe(true);
  });

  it("mediacontent-dupes: one image from repeated media elements and an image enclosure", () => {
    const feed = parseCorpus("nodefeedparser__mediacontent-dupes.xml");
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      published: "2013-02-03T04:13:03.000Z",
      image: "http://i.mol.im/i/pix/2013/02/03/article-2272640-174FCEE2000005DC-697_154x115.jpg",
      summary:
        "The shocking murder of Elizabeth Short, known as the Black Dahlia, is one of the oldest unsolved murder cases in Los Angeles history.",
    });
    expect(feed.items[0]!.link).toContain("?ITO=1490&ns_mchannel=rss&ns_campaign=1490");
  });

  it("wapowellness: EST dates, CDATA authors, the original link behind a click tracker, no share buttons as pictures", () => {
    const feed = parseCorpus("nodefeedparser__wapowellness.xml");
    expect(feed.items).toHaveLength(29);
    const first = feed.items[0]!;
    expect(first).toMatchObject({
      title: "Schools minister to kids’ fitness and nutrition needs",
      // pheedo:origLink, not the feeds.washingtonpost.com click tracker in <link>
      link: "http://www.washingtonpost.com/lifestyle/wellness/schools-minister-to-kids-fitness-and-nutrition-needs/2012/08/21/0ca90d46-e6eb-11e1-936a-b801f1abab19_story.html?wprss=rss_wellness",
      author: "Lenny Bernstein",
      categories: ["YMCA", "high school"],
      // the description's only pictures are pheedo's "Add to Facebook" buttons and hidden beacons
      image: null,
    });
    expect(first.published).toBe("2012-08-21T15:33:00.000Z");
    const est = feed.items.find((i) => i.title.startsWith("Medical Mysteries: ‘I opened my laptop"));
    expect(est).toMatchObject({ author: "Sandra G. Boodman", published: "2012-04-23T20:21:00.000Z" });
  });

  it("rss-with-relative-urls: root-relative links resolve against the feed's URL, and are dropped without one", () => {
    const url = "https://www.arcgames.com/en/games/neverwinter/news/rss";
    const feed = parseCorpus("nodefeedparser__rss-with-relative-urls.xml", url);
    expect(feed).toMatchObject({ title: "Neverwinter", link: "https://www.arcgames.com/en/games/neverwinter/news" });
    expect(feed.items.map((i) => i.link)).toEqual([
      "https://www.arcgames.com/en/games/neverwinter/news/detail/10743874-neverwinter-%26-jingle-jam-humble-bundle%21",
      "https://www.arcgames.com/en/games/neverwinter/news/detail/10738994-2x-underdark-currency-%26-15%25-off-bags%21",
    ]);
    expect(feed.items[0]).toMatchObject({
      id: "http://www.arcgames.com/en/games/PAB_nw/news/detail/10743874",
      title: "Neverwinter & Jingle Jam Humble Bundle!",
      published: "2017-12-07T18:00:29.000Z",
    });
    const local = parseCorpus("nodefeedparser__rss-with-relative-urls.xml");
    expect(local.items.map((i) => i.link)).toEqual(["", ""]);
  });

  it("category-feed: several taxonomies, xml-stylesheet PI ignored", () => {
    const feed = parseCorpus("nodefeedparser__category-feed.xml");
    expect(feed).toMatchObject({
      title: "NYT > Home Page",
      link: "http://www.nytimes.com/pages/index.html?partner=rss&emc=rss",
    });
    expect(feed.items[0]).toMatchObject({
      title: "E.P.A. Plan to Clean Up Gowanus Canal Meets Local Resistance",
      published: "2013-05-05T17:15:11.000Z",
      categories: ["Water Pollution", "Gowanus Canal (Brooklyn, NY)"],
    });
  });

  it("scriptingNews: title-less items keep their GUID links and text", () => {
    const feed = parseCorpus("rsparser__scriptingNews.rss");
    expect(feed.items).toHaveLength(50);
    expect(feed.items.filter((i) => i.title === "")).toHaveLength(39); // 11 of 50 items have a <title>
    expect(feed.items[0]).toMatchObject({
      id: "http://scripting.com/2017/06/26.html#a080605",
      link: "http://scripting.com/2017/06/26.html#a080605",
      title: "",
      summary: "Good morning students and teachers! 🍏",
      published: "2017-06-26T12:20:05.000Z",
    });
  });

  it("rubenerd: xml:base on <rss>, dc:creator, categories", () => {
    const feed = parseCorpus("rsparser__rubenerd-xmlbase.rss");
    expect(feed).toMatchObject({ title: "Rubenerd", link: "https://rubenerd.com/" });
    expect(feed.items[0]).toMatchObject({
      title: "The great Commodore/Atari engineer swap",
      link: "https://rubenerd.com/the-commodore-atari-engineer-swap/",
      published: "2023-01-10T21:53:01.000Z",
      author: "Ruben Schade",
      categories: ["hardware", "atari", "commodore"],
    });
    expect(feed.items.map((i) => i.image)).toContain("https://rubenerd.com/files/2023/beatles-shirt@1x.jpg");
  });

  it("phpxml-bogus-pi: a bogus <?phpxml?> PI before the root, channel children in any order", () => {
    const feed = parseCorpus("rsparser__phpxml-bogus-pi.rss");
    expect(feed).toMatchObject({ title: "www.fcutrecht.net voetbalnieuws", link: "https://www.fcutrecht.net/" });
    expect(feed.items[0]).toMatchObject({
      title: "Serdar Gözübüyük scheidsrechter bij FC Twente - FC Utrecht",
      published: "2021-09-06T10:17:00.000Z",
      image: "https://www.fcutrecht.net/pictures/100/scheids.jpg",
    });
  });

  it("InvalidDateFormat: lenient about the missing </rss>; a bare timestamp is no date, the pubDate wins", () => {
    const feed = parseCorpus("feedjira__InvalidDateFormat.xml");
    expect(feed.items.map((i) => [i.title, i.published])).toEqual([
      ["Item 0 with an invalid date", "2017-10-16T15:10:00.000Z"],
      ["Item 1 with all valid dates", "2017-10-17T12:17:00.000Z"],
    ]);
  });

  it("illegally-nested: a stray <item/> inside each item makes no phantom items", () => {
    const feed = parseCorpus("nodefeedparser__illegally-nested.xml");
    expect(feed.items).toHaveLength(10);
    expect(feed.items.every((i) => i.title && i.link.startsWith("http://www.pcmag.com/"))).toBe(true);
    expect(feed.items[0]).toMatchObject({
      title: "My Professional Armchair Analysis of CES",
      published: "2018-01-17T20:50:00.000Z",
    });
  });
});
