/**
 * Per-reader cost of a digest copy, 7 themes: assembling the reader's copy from the stored parts
 * (only their themes, subject and preheader theirs, both links filled) against the baseline,
 * the whole-email personalisation before parts (`personalise` filling the unsubscribe link of the
 * email rendered whole, as stored until now), in the same run. Also with the reader's two link tokens issued, as the consumer does.
 * Concatenation leaves V8 "rope" strings, so each is measured as built and flattened (as SES's
 * request serialisation flattens it).
 */
import { readFileSync } from "node:fs";
import { renderDigest } from "@tidings/core/digest/email";
import type { DigestItem } from "@tidings/core/digest/item";
import { digestModel, previewLine } from "@tidings/core/digest/model";
import { weekRange } from "@tidings/core/digest/week";
import { renderMjml, renderText } from "@tidings/core/email/render";
import { assembleEmail, type ThemeChoice } from "@tidings/core/email/assemble";
import { personalise, type EmailParts } from "@tidings/core/email/personalise";
import { readerLinks } from "@tidings/core/subscription/links";
import { newsletter } from "@tidings/templates/newsletter";

const themes = ["AI chips", "Memory", "Foundries", "Policy & trade", "Devices", "Markets", "More news"];
const BATCH = 2000;
const config = { publicUrl: "https://news.example.com", tokenSecret: "bench-secret", tokenSecretPrevious: [] };
const ids = Array.from({ length: BATCH }, (_, i) => `sub_${Buffer.alloc(16, i % 251).toString("base64url")}`);
const urls = ids.map((id) => readerLinks(config, { id }));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median µs per reader over rounds of BATCH readers (the first rounds warm the JIT). */
function perReader(copy: (i: number) => EmailParts | undefined, flatten: boolean): number {
  let sink = 0;
  const samples: number[] = [];
  for (let round = 0; round < 25; round++) {
    const t = performance.now();
    for (let i = 0; i < BATCH; i++) {
      const out = copy(i)!;
      // charCodeAt in the middle makes V8 flatten a concatenated string into one buffer.
      sink += flatten
        ? out.html.charCodeAt(out.html.length >> 1) + out.text.charCodeAt(out.text.length >> 1)
        : out.html.length + out.text.length;
    }
    samples.push(((performance.now() - t) * 1000) / BATCH);
  }
  if (sink === 42) console.log(""); // keep the work observable
  return median(samples.slice(5));
}

export default async function bench(): Promise<void> {
  const items = JSON.parse(
    readFileSync(new URL("../fixtures/digest/scmp-items.json", import.meta.url), "utf8"),
  ) as DigestItem[];
  // The seed feed's 40 stories over 7 themes, round robin: a 30-item email, every theme in it.
  const sections = themes.map((theme, t) => ({ theme, items: items.filter((_, i) => i % themes.length === t) }));
  const input = {
    range: weekRange("2026-W20", "UTC"),
    sections,
    newsletter,
    publicUrl: config.publicUrl,
    postalAddress: "Tidings, 1 Example Street, Springfield",
    timeZone: "UTC",
  };
  const digest = await renderDigest(input);
  // The baseline is the email as stored before parts: one render, whole, its only personal value
  // the unsubscribe link (no preferences link, the preheader written in).
  const model = digestModel(input, "email");
  const before = {
    ...model,
    partMarker: null,
    preview: previewLine(digest.parts.previewHeadlines.filter(Boolean), newsletter.digest.previewHeadlines),
    footer: { ...model.footer, preferencesUrl: null },
  };
  const whole = {
    subject: model.subject,
    html: await renderMjml("digest.mjml", before),
    text: await renderText("digest.txt", before),
  };
  // Each reader a different choice among the 127 non-empty ones (every theme for mask 127).
  const choices: ThemeChoice[] = ids.map((_, i) => new Set(themes.filter((_, t) => ((i % 127) + 1) & (1 << t))));

  const rows: [string, (i: number) => EmailParts | undefined][] = [
    [
      "whole email as before, personalise (baseline)",
      (i) => personalise(whole, { unsubscribeUrl: urls[i]!.unsubscribeUrl }),
    ],
    ["parts, every theme", (i) => assembleEmail(digest.parts, "all", urls[i]!)],
    ["parts, the reader's themes", (i) => assembleEmail(digest.parts, choices[i]!, urls[i]!)],
    [
      "parts, the reader's themes + 2 tokens",
      (i) => assembleEmail(digest.parts, choices[i]!, readerLinks(config, { id: ids[i]! })),
    ],
  ];
  console.log(
    `7 themes, ${digest.parts.html.sections.length} sections; whole HTML ${Buffer.byteLength(digest.html)} bytes, text ${Buffer.byteLength(digest.text)} bytes`,
  );
  console.log("per-reader copy (median µs/reader)                     as built   flattened   vs baseline (flattened)");
  const baseline = perReader(rows[0]![1], true);
  for (const [name, copy] of rows) {
    const built = perReader(copy, false);
    const flat = name.includes("baseline") ? baseline : perReader(copy, true);
    console.log(
      `  ${name.padEnd(52)}${built.toFixed(2).padStart(8)}${flat.toFixed(2).padStart(12)}   ${(flat / baseline).toFixed(2)}x`,
    );
  }
  console.log("  (target: at most 50 µs per reader for 7 themes)");
}
