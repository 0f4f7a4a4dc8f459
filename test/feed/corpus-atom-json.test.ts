/** The corpus's Atom 1.0 / 0.3 and JSON Feed documents: real values, item by item. */
import { describe, expect, it } from "vitest";
import { itemNamed, parseCorpus } from "../support/feeds.ts";

describe("Atom 1.0", () => {
  it("heise: +01:00 offsets, html summaries, umlauts", () => {
    const feed = parseCorpus("rssparser__heise.atom");
    expect(feed).toMatchObject({
      format: "atom1",
      title: "heise developer neueste Meldungen",
      link: "http://www.heise.de/developer/",
    });
    expect(feed.items).toHaveLength(15);
    expect(feed.items[0]).toMatchObject({
      id: "http://heise.de/-3088438",
      title: "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei",
      link: "http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html?wt_mc=rss.developer.beitrag.atom",
      published: "2016-02-01T16:22:00.000Z",
      author: "heise online",
    });
    expect(itemNamed(feed, "Scrum Day 2016: Bewerbungen für Vorträge und Workshops")).toMatchObject({
      summary:
        "Über das Programm des zehnten Scrum Day stimmen die Teilnehmer selbst ab. Doch zuvor sind Scrum-Experten dran, sich bis Ende Februar mit einem Vortrag oder Workshop zu bewerben.",
      image:
        "http://www.heise.de/scale/geometry/264/q80/imgs/18/1/7/4/0/0/6/3/header_scrumday_01-e4ef3375d4c003c4.jpeg",
    });
  });

  it("youtube: media:group thumbnail and description, rel=alternate among several links", () => {
    const feed = parseCorpus("rssparser__youtube-customfields.atom");
    expect(feed).toMatchObject({ title: "L2inc", link: "https://www.youtube.com/channel/UCBcRF18a7Qf58cCRy5xuWwQ" });
    const video = itemNamed(feed, "What Happens in an Internet Minute?");
    expect(video).toMatchObject({
      id: "yt:video:2DALPtbpZZo",
      link: "https://www.youtube.com/watch?v=2DALPtbpZZo",
      published: "2017-09-07T14:42:36.000Z",
      author: "L2inc",
      image: "https://i3.ytimg.com/vi/2DALPtbpZZo/hqdefault.jpg",
    });
    expect(video.summary).toMatch(/^Winner: Walmart, which has taken a page from Amazon's playbook/);
  });

  it("intertwingly: root-relative links resolve against the feed's self link when its URL is unknown", () => {
    const feed = parseCorpus("nodefeedparser__intertwingly.atom");
    expect(feed).toMatchObject({ title: "Sam Ruby", link: "http://intertwingly.net/blog/" });
    expect(feed.items).toHaveLength(20);
    expect(feed.items[0]).toMatchObject({
      id: "tag:intertwingly.net,2004:3299",
      title: "Inhibiting Suspend",
      link: "http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend",
      published: "2012-07-16T15:48:01.000Z",
      author: "Sam Ruby", // the feed's author, inherited
    });
    // xhtml content: the inline SVG is not text
    expect(feed.items[0]!.summary).toMatch(/^The interface is a bit low level, but workable: require 'dbus'/);
  });

  it("nondefaultnamespace: Atom under the prefix a:, XHTML as the default namespace", () => {
    const feed = parseCorpus("nodefeedparser__nondefaultnamespace.atom");
    expect(feed).toMatchObject({ format: "atom1", title: "Non-default namespace test" });
    expect(feed.items).toEqual([
      {
        id: "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
        title: "If you can read the content of this entry, your aggregator works fine.",
        link: "http://example.org/tests/namespace/result.html",
        published: "2006-01-18T11:26:54.000Z",
        author: "Aristotle Pagaltzis",
        summary:
          "For information, see: Who knows an XML document from a hole in the ground? More on Atom aggregator XML namespace conformance tests XML Namespace Conformance Tests",
        categories: [],
        image: null,
      },
    ]);
  });

  it("non-text-alternate-links: an application/xhtml+xml alternate is still the link; rel=self is not", () => {
    const feed = parseCorpus("nodefeedparser__non-text-alternate-links.xml");
    expect(feed).toMatchObject({ title: "nLab", link: "https://ncatlab.org/nlab/show/HomePage" });
    expect(feed.items[0]).toMatchObject({
      title: "(0,1)-category",
      link: "https://ncatlab.org/nlab/show/%280%2C1%29-category",
      published: "2009-09-08T23:20:59.000Z", // published, not the later updated
      author: "Mike Shulman",
      summary: "Updated by Mike Shulman on 2017-09-21 at 16:03:01Z.",
    });
  });

  it("OneFootTsunami: xml:base on <feed>, a link post's alternate points away", () => {
    const feed = parseCorpus("rsparser__OneFootTsunami.atom");
    expect(feed).toMatchObject({ title: "One Foot Tsunami", link: "http://onefoottsunami.com/" });
    expect(feed.items).toHaveLength(25);
    expect(feed.items[0]).toMatchObject({
      title: "Link: Pillow Fight Leaves 24 Concussed",
      link: "http://www.nytimes.com/2015/09/05/us/at-west-point-annual-pillow-fight-becomes-weaponized.html?mwrsm=Email&_r=1&pagewanted=all",
      published: "2015-09-08T14:21:41.000Z",
      author: "Paul Kafasis",
    });
    expect(itemNamed(feed, "Planes, “Planes”, and Automated Fare Pricing").image).toBe(
      "http://onefoottsunami.com/wordpress/wp-content/uploads/20150805planestrains/newark@2x.png",
    );
  });

  it("russcox: the summary, not 400 KB of content; the first picture of the content", () => {
    const feed = parseCorpus("rsparser__russcox.atom");
    expect(feed.title).toBe("research!rsc");
    expect(feed.items).toHaveLength(19);
    expect(feed.items[0]).toMatchObject({
      title: "Transparent Logs for Skeptical Clients",
      link: "http://research.swtch.com/tlog",
      published: "2019-03-01T16:00:00.000Z", // 11:00 -05:00
      author: "Russ Cox",
      summary: "How an untrusted server can publish a verifiably append-only log.",
      image: "http://research.swtch.com/tlog-16.png",
    });
  });

  it("incomplete-fields: an entry with nothing but an empty author still gets a stable id", () => {
    const a = parseCorpus("rssparser__incomplete-fields.atom");
    const b = parseCorpus("rssparser__incomplete-fields.atom");
    expect(a.items).toHaveLength(1);
    expect(a.items[0]).toMatchObject({ title: "", link: "", published: null, author: null, summary: "", image: null });
    expect(a.items[0]!.id).toMatch(/^urn:tidings:[0-9a-f]{32}$/);
    expect(b.items[0]!.id).toBe(a.items[0]!.id);
  });
});

describe("Atom 0.3", () => {
  it("Juniordeveloper: issued (with its zone) over modified, dc:subject as category", () => {
    const feed = parseCorpus("feedjira__Juniordeveloper-atom03.xml");
    expect(feed).toMatchObject({
      format: "atom03",
      title: "Junior developer",
      link: "http://tomcopeland.blogs.com/juniordeveloper/",
    });
    expect(feed.items).toHaveLength(50);
    expect(feed.items[0]).toMatchObject({
      id: "tag:typepad.com,2003:post-61641888",
      title: "RubyForge now on PostgreSQL 8.3",
      link: "http://tomcopeland.blogs.com/juniordeveloper/2009/01/rubyforge-now-on-postgresql-83.html",
      published: "2009-01-20T14:22:38.000Z", // issued 09:22:38-05:00
      author: "tomcopeland",
      categories: ["Ruby"],
    });
  });

  it("StakeVentures: FeedBurner's original link over its redirect; escaped content as summary", () => {
    const feed = parseCorpus("feedjira__StakeVentures-atom03.xml");
    expect(feed).toMatchObject({ format: "atom03", title: "Stake Ventures", link: "http://stakeventures.com/" });
    expect(feed.items).toHaveLength(20);
    expect(feed.items[0]).toMatchObject({
      title: "RubyGem is from Mars, AptGet is from Venus",
      link: "http://stakeventures.com/articles/2008/12/04/rubygem-is-from-mars-aptget-is-from-venus",
      published: "2008-12-04T19:47:06.000Z",
      author: "pelle",
      categories: ["Programming", "Hosting"],
    });
    expect(feed.items[0]!.summary).toMatch(/^The Debian world seems to be on a rant on why the RubyGem’s are bad/);
    expect(feed.items.every((i) => !i.summary.includes("<") && !i.summary.includes("&lt;"))).toBe(true);
  });
});

describe("JSON Feed", () => {
  it("3960 (1.1): authors[], tags, item image, +01:00", () => {
    const feed = parseCorpus("rsparser__3960-jsonfeed11.json");
    expect(feed).toMatchObject({
      format: "json",
      title: "fboës - Der Blog | Startseite",
      link: "https://journal.3960.org/",
    });
    expect(feed.items).toHaveLength(20);
    expect(feed.items[0]).toEqual({
      id: "user/posts/2020-02-21-lecker-lecker/index.md",
      title: "Lecker, lecker",
      link: "https://journal.3960.org/posts/2020-02-21-lecker-lecker/",
      published: "2020-02-21T17:08:06.000Z",
      author: "Frank Boës",
      summary: "Da ist es zwar nicht ganz billig, dafür schmeckt's aber auch nicht.",
      categories: ["Lustiges"],
      image: "https://cdn.3960.org/favicon-192x192.png",
    });
  });

  it("DaringFireball (1.0): the feed's single author, url over external_url, HTML content as summary", () => {
    const feed = parseCorpus("rsparser__DaringFireball-jsonfeed10.json");
    expect(feed).toMatchObject({ format: "json", title: "Daring Fireball", link: "https://daringfireball.net/" });
    expect(feed.items).toHaveLength(48);
    expect(feed.items[0]).toMatchObject({
      id: "https://daringfireball.net/linked/2017/06/26/the-talk-show-195",
      title: "The Talk Show: ‘I Do Like Throwing a Baby’",
      link: "https://daringfireball.net/linked/2017/06/26/the-talk-show-195",
      published: "2017-06-27T00:54:17.000Z",
      author: "John Gruber",
    });
    expect(feed.items[0]!.summary).toMatch(
      /^New episode of America’s favorite 3-star podcast, with special guest John Moltz\./,
    );
  });
});
