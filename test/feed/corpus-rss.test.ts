/** The real-world RSS feeds of the corpus (RSS 2.0, podcasts, 0.9x, 1.0): real values, item by item. */
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

  it("encoding-iso8859-1: Latin-1 bytes as declared", () => {
    const feed = parseCorpus("rssparser__encoding-iso8859-1.rss");
    expect(feed.title).toBe("Jornal de Notícias - Últimas Notícias");
    expect(feed.items).toHaveLength(40);
    expect(feed.items[0]).toMatchObject({
      title: "Mãe de utente é a nova presidente da Raríssimas",
      link: "https://www.jn.pt/nacional/interior/sonia-laig-e-a-nova-presidente-da-rarissimas-9021600.html",
      published: "2018-01-03T13:47:00.000Z",
      summary:
        "Sónia Laygue, profissional na área da Recursos Humanos e mãe de uma criança de três anos, utente na Casa dos Marcos, é a nova presidente da direção da Raríssimas.",
    });
  });

  it("uolNoticias: undeclared Latin-1 is sniffed; Portuguese day and month names (Seg, Set) are dates", () => {
    const feed = parseCorpus("rssparser__uolNoticias.rss");
    expect(feed).toMatchObject({ format: "rss2", title: "UOL Noticias", link: "http://noticias.uol.com.br/" });
    expect(feed.items[0]).toMatchObject({
      title: "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno",
      // Seg, 24 Set 2018 19:42:40 -0300
      published: "2018-09-24T22:42:40.000Z",
      image: "https://conteudo.imguol.com.br/c/noticias/5f/2018/09/17/presidenciaveis-1537211917356_142x100.jpg",
    });
    expect(feed.items.every((i) => !i.title.includes("\ufffd"))).toBe(true);
  });

  it("iconv-windows1251: Cyrillic from windows-1251, RSS elements in the userland default namespace", () => {
    const feed = parseCorpus("nodefeedparser__iconv-windows1251.xml");
    expect(feed).toMatchObject({
      format: "rss2",
      title: "Новости Оренбурга и области / Раздел Новости",
      link: "http://www.oren.ru/",
    });
    expect(feed.items).toHaveLength(10);
    expect(feed.items[0]).toMatchObject({
      id: "http://www.oren.ru/news/2743422/",
      title: "В Бузулуке главные стройплощадки – детсад и Ледовый дворец",
      published: "2014-01-22T14:31:31.000Z",
      categories: ["Раздел Новости/"],
      image: "http://www.oren.ru/upload/iblock/be8/stroitelstvo_krany.jpg",
      summary:
        "Работы по возведению детского сада идут с опережением графика, деньги, выделенные на эту стройку, осваиваются в два раза быстрее, чем планировалось.",
    });
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

  it("kc0011-gb2312: GBK bytes, slashed dates without a zone read as UTC, icons are not pictures", () => {
    const feed = parseCorpus("rsparser__kc0011-gb2312.rss");
    expect(feed.title).toBe("投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文");
    expect(feed.items).toHaveLength(20);
    expect(feed.items[0]).toMatchObject({
      title: "建国35周年纪念，华表，和平鸽",
      link: "http://www.kc0011.net/dispbbs.asp?BoardID=10&ID=25164257&Page=1",
      author: "大鱼儿",
      published: "2020-01-10T14:33:00.000Z", // 2020/1/10 14:33:00
      // skins/default/filetype/jpg.gif comes first: a file-type icon
      image: "http://pic.kc0011.net/uploadfile/2020-1-10/202011014255757825.jpg",
    });
  });

  it("donthitsave: a UTF-8 BOM, CDATA descriptions with the comic as the picture", () => {
    const feed = parseCorpus("rsparser__donthitsave-bom.xml");
    expect(feed).toMatchObject({ title: "Don't Hit Save", link: "https://donthitsave.com/" });
    expect(feed.items[0]).toMatchObject({
      title: "Skipping Around",
      published: "2019-05-24T07:00:00.000Z",
      image: "https://donthitsave.com/comicimages/dhs_2019-05-24_skipping-around.png",
    });
    expect(feed.items[0]!.summary).toMatch(/^I was nearly murdered by a coconut today\. For real\./);
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
