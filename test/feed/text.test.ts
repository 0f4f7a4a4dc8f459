import { describe, expect, it } from "vitest";
import { htmlToText, richText } from "@tidings/core/feed/html";
import { collapse, decodeXml, noEntities, truncate, unwrapXml } from "@tidings/core/feed/text";

const text = (html: string) => htmlToText(html).text;

describe("HTML to plain text", () => {
  it.each([
    ["<p>Hello <b>world</b>!</p><p>Next</p>", "Hello world! Next"],
    ["H<sub>2</sub>O and E=mc<sup>2</sup>", "H2O and E=mc2"],
    ["<ul><li>one</li><li>two</li></ul>", "one two"],
    ["line<br>break<br/>again", "line break again"],
    ["  spaced\n\n\tout  ", "spaced out"],
    ["<script>alert(1)</script>after", "after"],
    ["<SCRIPT type='x'>alert(1)</SCRIPT>after", "after"],
    ["<style>p { color: red }</style>styled", "styled"],
    ["before<!-- a comment -->after", "before after"],
    ["a < b and c > d", "a < b and c > d"],
    ["<a href=\"x>y\" title='a>b'>link</a> text", "link text"],
    ["AT&amp;T &mdash; &#8220;quoted&#8221; &nbsp;&nbsp;x", "AT&T — “quoted” x"],
    ["&lt;b&gt;escaped twice&lt;/b&gt;", "escaped twice"],
    ["an unterminated <b", "an unterminated"],
    ["<<<<", "<<<<"],
  ])("%j → %j", (html, plain) => {
    expect(text(html)).toBe(plain);
  });

  it("finds the first picture that is not a tracking pixel", () => {
    const html =
      '<img src="p.gif" width="1" height="1"><img src="hidden.png" style="display: none"><p>x</p><img src="a&amp;b.jpg">';
    expect(htmlToText(html, true)).toEqual({ text: "x", img: "a&amp;b.jpg" });
  });

  it("cuts a long text at a word, with an ellipsis", () => {
    const long = "<p>" + "word ".repeat(100_000) + "</p><p>tail</p>";
    const { text: cut } = htmlToText(long, false, 100);
    expect(cut).toBe("word ".repeat(20).trim() + "…");
  });

  it("truncates on a word boundary and never splits a surrogate pair", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("one two three four", 12)).toBe("one two…");
    expect(truncate("😀".repeat(10), 5)).toBe("😀😀…");
  });
});

describe("XML text", () => {
  it("decodes the XML entities and character references, leaving HTML's for later", () => {
    expect(decodeXml("&lt;p&gt; &amp; &quot;&apos; &#65;&#x42; &nbsp;", noEntities())).toBe("<p> & \"' AB &nbsp;");
    expect(decodeXml("&#0; &#xD800;", noEntities())).toBe("\ufffd \ufffd");
  });

  it("takes CDATA literally", () => {
    expect(unwrapXml("a &amp; <![CDATA[<b>&amp;</b>]]> z", noEntities())).toBe("a & <b>&amp;</b> z");
    expect(richText("<![CDATA[Tom &amp; Jerry]]>", noEntities())).toBe("Tom & Jerry");
  });

  it("collapses whitespace and control characters", () => {
    expect(collapse(" a\u0000b \n\t c\u00a0 d ")).toBe("a b c\u00a0 d".replace("\u00a0 ", " "));
  });
});
