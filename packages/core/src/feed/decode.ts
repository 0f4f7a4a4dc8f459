/**
 * Bytes → text. A feed says its own encoding (BOM, then the XML declaration) more reliably
 * than the server that relays it, so the HTTP charset only decides when the document is silent.
 * Undeclared bytes that are not valid UTF-8 are read as windows-1252 (what ISO-8859-1 means
 * on the web), never rejected.
 */
import { isUtf8 } from "node:buffer";

const boms: [bytes: number[], encoding: string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xfe, 0xff], "utf-16be"],
  [[0xff, 0xfe], "utf-16le"],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The encoding named by `<?xml … encoding="…"?>`, read from the first bytes as ASCII. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)).toString("latin1");
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return decl?.[1];
}

/** The `charset` parameter of a Content-Type header. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const m = contentType && /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
  return m ? m[1] : undefined;
}

// windows-1252's 0x80–0x9F (smart quotes, €, …); five bytes are unassigned and stay as they are.
const cp1252High =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** windows-1252 (and ISO-8859-1, which means it on the web): Node 20's TextDecoder reads it as Latin-1. */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  return latin1.replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!);
}

/** A TextDecoder for the label, or undefined when the label is unknown. */
function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

const isUtf8Label = (label: string) => /^utf-?8$/i.test(label.trim());

/** Decodes a feed body to a string, without a BOM. */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): string {
  for (const [bom, encoding] of boms) {
    if (startsWith(bytes, bom)) return new TextDecoder(encoding).decode(bytes.subarray(bom.length));
  }
  // UTF-16 without a BOM still starts with "<" next to a zero byte.
  if (bytes[0] === 0x3c && bytes[1] === 0) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0 && bytes[1] === 0x3c) return new TextDecoder("utf-16be").decode(bytes);

  const label = declaredEncoding(bytes) ?? headerCharset(contentType);
  if (label && !isUtf8Label(label)) {
    const decoder = decoderFor(label);
    // A document cannot really be UTF-16 if its declaration was readable as ASCII.
    if (decoder?.encoding === "windows-1252") return decodeWindows1252(bytes);
    if (decoder && !decoder.encoding.startsWith("utf-16")) return decoder.decode(bytes);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (isUtf8(buffer) || (label && isUtf8Label(label))) return buffer.toString("utf8");
  return decodeWindows1252(bytes);
}
