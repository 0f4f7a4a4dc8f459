/** The corpus's RSS 2.0 feeds in other encodings than declared UTF-8: real values, item by item. */
import { describe, expect, it } from "vitest";
import { parseCorpus } from "../support/feeds.ts";

describe("RSS 2.0 in other encodings", () => {
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
});
