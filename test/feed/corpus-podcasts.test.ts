/** The corpus's podcast feeds (RSS 2.0 with iTunes elements): real values, item by item. */
import { describe, expect, it } from "vitest";
import { parseCorpus } from "../support/feeds.ts";

describe("podcasts", () => {
  it("atp: item-level itunes:image, show notes as summary", () => {
    const feed = parseCorpus("rsparser__atp-podcast.rss");
    expect(feed).toMatchObject({ title: "Accidental Tech Podcast", link: "http://atp.fm/" });
    expect(feed.items).toHaveLength(100);
    expect(feed.items[0]).toMatchObject({
      id: "513abd71e4b0fe58c655c105:513abd71e4b0fe58c655c111:5c5273baf950b7d24bfdcb28",
      title: "311: Mutually Assured Destruction",
      link: "http://atp.fm/episodes/311",
      published: "2019-01-31T16:58:12.000Z",
      author: "Marco Arment",
      image:
        "http://static1.squarespace.com/static/513abd71e4b0fe58c655c105/t/52c45a37e4b0a77a5034aa84/1388599866232/1500w/Artwork.jpg",
    });
    expect(feed.items[0]!.summary).toMatch(/^Follow-up: 👴🏻👴🏻👴🏻 screwed up "finsta" Debate over/);
  });

  it("theomnishow: channel-level author for items, the episode cover", () => {
    const feed = parseCorpus("rsparser__theomnishow-podcast.rss");
    expect(feed.items).toHaveLength(4);
    expect(feed.items[0]).toMatchObject({
      title: "Andrea McVittie, User Experience Designer",
      published: "2017-12-06T14:00:00.000Z",
      author: "The Omni Group",
      image: "https://theomnishow.omnigroup.com/assets/img/omnishow-cover-1x3000.jpg",
    });
  });

  it("itunes-missing-image: namespace URIs with odd casing and no trailing slash still count; every author kept", () => {
    const feed = parseCorpus("rssparser__itunes-missing-image.rss");
    expect(feed.items).toHaveLength(131);
    expect(feed.items[0]).toMatchObject({
      title: "Taverncast 62 - Temporal Anomaly",
      id: "http://taverncast.com/shows/taverncast-62.mp3",
      published: "2015-11-07T17:00:00.000Z", // 07 Nov 2015 12:00:00 EST
      author: "Taverncast: www.taverncast.com, Taverncast", // dc:creator and author differ: both kept
      categories: ["Society & Culture"],
      image: null,
      summary:
        "Taverncast tosses around the age old topic: time travel! Where would you go? Why would you go? Also, Bryce has customer service issues, and Mike buys a dog.",
    });
  });
});
