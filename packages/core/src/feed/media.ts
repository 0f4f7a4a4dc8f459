/**
 * What an item declares beside its content: pictures from Media RSS (`media:content`,
 * `media:thumbnail`, `media:group`), enclosures (RSS, RSS 1.0 `enc:`, Atom `rel="enclosure"`)
 * and iTunes images; and the plain-text descriptions (`media:description`, `itunes:summary`)
 * that stand in for a missing summary.
 */
import { isImage, urlAttribute } from "./item.ts";
import type { EntityScope } from "./text.ts";
import type { El } from "./xml.ts";

/** A picture's element and the attribute holding its URL, resolved only if it is chosen. */
interface Candidate {
  el: El;
  attr: string;
  width: number;
}

const candidate = (el: El, attr: string): Candidate => ({ el, attr, width: Number(el.attr("width")) || 0 });

/** Collects an item's side channels as its children are offered. */
export class MediaFields {
  /** `media:description`, `itunes:summary` or `itunes:subtitle`, first seen. */
  description: El | undefined;
  private readonly media: Candidate[] = [];
  private readonly thumbnails: Candidate[] = [];
  private readonly enclosures: Candidate[] = [];

  constructor(private readonly entities: EntityScope) {}

  /** Offers one child element of an item; returns true when it was one of ours. */
  offer(el: El): boolean {
    if (el.ns === "media") {
      if (el.name === "group") for (const c of el.children) this.offer(c);
      else if (el.name === "content") {
        if (isImage(el.attr("type"), el.attr("url"), el.attr("medium"))) this.media.push(candidate(el, "url"));
        // A video's media:content may carry its own thumbnail.
        for (const c of el.children) if (c.ns === "media" && c.name === "thumbnail") this.offer(c);
      } else if (el.name === "description") {
        this.description ??= el;
      } else if (el.name === "thumbnail") {
        this.thumbnails.push(candidate(el, "url"));
      } else return false;
      return true;
    }
    if ((el.ns === "" || el.ns === "enc") && el.name === "enclosure") {
      const attr = el.attr("url") ? "url" : "rdf:resource";
      if (isImage(el.attr("type") ?? el.attr("enc:type"), el.attr(attr))) this.enclosures.push(candidate(el, attr));
      return true;
    }
    if ((el.ns === "atom" || el.ns === "atom03") && el.name === "link" && el.attr("rel") === "enclosure") {
      if (isImage(el.attr("type"), el.attr("href"))) this.enclosures.push(candidate(el, "href"));
      return true;
    }
    if (el.ns === "itunes") {
      if (el.name === "image") this.enclosures.push(candidate(el, "href"));
      else if (el.name === "summary" || el.name === "subtitle") this.description ??= el;
      else return false;
      return true;
    }
    return false;
  }

  /** The first candidate, widest first, whose URL resolves to http(s). */
  private pick(list: Candidate[], widest: boolean): string | null {
    const order = widest && list.length > 1 ? [...list].sort((a, b) => b.width - a.width) : list;
    for (const c of order) {
      const url = urlAttribute(c.el, c.attr, this.entities);
      if (url) return url;
    }
    return null;
  }

  /** The largest declared picture: media:content, then a thumbnail, then an image enclosure. */
  best(): string | null {
    return this.pick(this.media, true) ?? this.pick(this.thumbnails, true) ?? this.pick(this.enclosures, false);
  }
}
