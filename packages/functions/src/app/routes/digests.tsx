/**
 * The digest archive: the list of weeks, each week's digest in the browser (the web edition:
 * every item, no personal links), the email exactly as sent (personal links neutralised), and
 * the week as JSON.
 *
 * The digests' own HTML is MJML output, full of inline styles, so those two pages carry a CSP of
 * their own: inline styles allowed, scripts, frames, forms and everything else refused.
 */
import { Hono, type Context as HonoContext } from "hono";
import { isWeekName, weekDates } from "@tidings/core/digest/week";
import { readerCopy } from "@tidings/core/digest/reader-copy";
import { TidingsError } from "@tidings/core/error";
import { getDigest, listDigests, type Digest, type DigestSummary } from "@tidings/core/store/digests";
import { newsletter } from "@tidings/templates/newsletter";
import type { AppEnv } from "../env.ts";
import { Layout } from "../pages/layout.tsx";

export const digestPageCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async function findDigest(c: HonoContext<AppEnv>, week: string): Promise<Digest> {
  const digest = isWeekName(week) ? await getDigest(c.var.ctx.db, week) : undefined;
  if (!digest) throw new TidingsError("not_found", "digest.not_found", `There is no digest for ${week}.`);
  return digest;
}

function digestPage(c: HonoContext<AppEnv>, html: string) {
  c.header("content-security-policy", digestPageCsp);
  return c.html(html);
}

const dates = (d: DigestSummary) => weekDates(d, newsletter.locale);
const weekLabel = (week: string) => `Week ${Number(week.slice(6))}, ${week.slice(0, 4)}`;

function Archive({ digests }: { digests: DigestSummary[] }) {
  return (
    <Layout title="Archive">
      <h1>Past digests</h1>
      {digests.length === 0 ? (
        <p>No digest yet: the first is built once a full week of news has come in.</p>
      ) : (
        <ul class="archive">
          {digests.map((d) => (
            <li>
              <a href={`/digests/${d.week}`}>{weekLabel(d.week)}</a>{" "}
              {/* Narrow screens wrap between the dates and the count, never inside either. */}
              <span class="muted">
                <span class="nowrap">· {dates(d)}</span>{" "}
                <span class="nowrap">· {d.itemCount === 1 ? "1 story" : `${d.itemCount} stories`}</span>
              </span>
              <br />
              <span class="subject">{d.subject}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export const digests = new Hono<AppEnv>()
  .get("/", async (c) => c.html(<Archive digests={await listDigests(c.var.ctx.db)} />))
  .get("/:week", async (c) => {
    const param = c.req.param("week");
    if (!param.endsWith(".json")) return digestPage(c, (await findDigest(c, param)).webHtml);
    // A week without a digest is answered by the one error handler, in JSON as the address asks.
    const digest = await findDigest(c, param.slice(0, -".json".length));
    return c.json({
      week: digest.week,
      subject: digest.subject,
      sections: digest.sections.map((s) => ({
        theme: s.theme,
        items: s.items.map(({ id, title, link }) => ({ id, title, link })),
      })),
    });
  })
  .get("/:week/email", async (c) => {
    const digest = await findDigest(c, c.req.param("week"));
    return digestPage(c, readerCopy(digest, "all", { unsubscribeUrl: "#", preferencesUrl: "#" })!.html);
  });
