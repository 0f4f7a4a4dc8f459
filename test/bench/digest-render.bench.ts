/**
 * Digest rendering: MJML render time for a 30-item digest (median), and the per-recipient cost
 * of filling the placeholders with `personalise` next to a naive peer (`replaceAll` per
 * placeholder on every part). Filling by concatenation leaves V8 "rope" strings, so both are
 * also measured with the result flattened (as sending it does when it serialises the request).
 */
import { readFileSync } from "node:fs";
import mjml2html from "mjml";
import { renderDigest } from "@tidings/core/digest/email";
import { ruleClassifier } from "@tidings/core/digest/classifier";
import { digestModel } from "@tidings/core/digest/model";
import { groupByTheme } from "@tidings/core/digest/sections";
import { weekRange } from "@tidings/core/digest/week";
import { personalise, placeholders, type EmailParts, type Personal } from "@tidings/core/email/personalise";
import { renderMjml } from "@tidings/core/email/render";
import { templatesDir } from "@tidings/core/email/templates";
import { newsletter } from "@tidings/templates/newsletter";
import type { DigestItem } from "@tidings/core/digest/item";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(runs: number, f: () => Promise<unknown> | unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

type Links = Pick<Personal, "unsubscribeUrl" | "preferencesUrl">;

function naive(email: EmailParts, p: Links): EmailParts {
  const fill = (text: string, escape: (s: string) => string) =>
    text
      .replaceAll(placeholders.unsubscribeUrl, escape(p.unsubscribeUrl))
      .replaceAll(placeholders.preferencesUrl, escape(p.preferencesUrl));
  const amp = (s: string) => s.replaceAll("&", "&amp;");
  return { subject: fill(email.subject, (s) => s), html: fill(email.html, amp), text: fill(email.text, (s) => s) };
}

/** Median µs per recipient over batches of `batch` recipients, each with its own URL. */
function perRecipient(fill: (e: EmailParts, p: Links) => EmailParts, email: EmailParts, flatten: boolean): number {
  const batch = 2000;
  const urls = Array.from({ length: batch }, (_, i) => ({
    unsubscribeUrl: `https://tidings.example/unsubscribe?token=sub_${i.toString(36).padStart(8, "0")}.sig`,
    preferencesUrl: `https://tidings.example/preferences?token=sub_${i.toString(36).padStart(8, "0")}.sig`,
  }));
  let sink = 0;
  const samples: number[] = [];
  for (let round = 0; round < 25; round++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) {
      const out = fill(email, urls[i]!);
      // charCodeAt in the middle makes V8 flatten a concatenated string into one buffer.
      sink += flatten
        ? out.html.charCodeAt(out.html.length >> 1) + out.text.charCodeAt(out.text.length >> 1)
        : out.html.length;
    }
    samples.push(((performance.now() - t) * 1000) / batch);
  }
  if (sink === 42) console.log(""); // keep the work observable
  return median(samples.slice(5)); // first rounds warm the JIT
}

export default async function bench(): Promise<void> {
  const items = (
    JSON.parse(readFileSync(new URL("../fixtures/digest/scmp-items.json", import.meta.url), "utf8")) as DigestItem[]
  ).slice(0, 30);
  const input = {
    range: weekRange("2026-W20", "UTC"),
    sections: groupByTheme(items, ruleClassifier().classify, ruleClassifier().themes),
    newsletter,
    limits: { maxPerTheme: 30, maxItems: 30 },
    publicUrl: "https://tidings.example",
    postalAddress: "Tidings, 1 Example Street, Springfield",
    timeZone: "UTC",
  };
  const model = digestModel(input, "email");
  const digest = await renderDigest(input);
  await renderMjml("digest.mjml", model); // warm-up: module loading, JIT

  const ours = await time(15, () => renderMjml("digest.mjml", model));
  const whole = await time(9, () => renderDigest(input));
  // Peer: the same MJML through mjml2html with its defaults (no minify, no strict validation).
  const path = `${templatesDir()}/digest.mjml`;
  const source = readFileSync(path, "utf8");
  const { default: Handlebars } = await import("handlebars");
  const plain = async () =>
    (
      await mjml2html(source, {
        filePath: path,
        ignoreIncludes: false,
        preprocessors: [(x) => Handlebars.compile(x)(model)],
      })
    ).html;
  const plainMs = await time(15, plain);
  const plainBytes = Buffer.byteLength(await plain());

  console.log("30-item digest render (median)            ms      HTML bytes");
  console.log(
    `  renderMjml (strict, minified)       ${ours.toFixed(1).padStart(8)}  ${Buffer.byteLength(digest.html).toString().padStart(12)}`,
  );
  console.log(
    `  mjml2html defaults (peer)           ${plainMs.toFixed(1).padStart(8)}  ${plainBytes.toString().padStart(12)}   ratio ${(ours / plainMs).toFixed(2)}x time, ${(Buffer.byteLength(digest.html) / plainBytes).toFixed(2)}x size`,
  );
  console.log(`  renderDigest (email + web + text)   ${whole.toFixed(1).padStart(8)}`);
  console.log("");
  console.log("per-recipient placeholder fill (median)    µs/recipient");
  for (const flatten of [false, true]) {
    const a = perRecipient(personalise, digest, flatten);
    const b = perRecipient(naive, digest, flatten);
    const tag = flatten ? "flattened" : "as built ";
    console.log(`  personalise (split once), ${tag}  ${a.toFixed(2).padStart(8)}`);
    console.log(
      `  replaceAll per placeholder, ${tag}${b.toFixed(2).padStart(8)}   ratio ${(b / a).toFixed(1)}x faster`,
    );
  }
  console.log(
    `  (target < 50 µs; HTML ${Buffer.byteLength(digest.html)} bytes, text ${Buffer.byteLength(digest.text)} bytes)`,
  );
}
