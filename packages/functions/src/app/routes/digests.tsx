/**
 * The digest archive: the list of weeks, each week's digest in the browser (the web edition:
 * every item, no personal links), the email exactly as sent (personal links neutralised), and
 * the week as JSON.
 *
 * The digests' own HTML is MJML output, full of inline styles, so those two pages carry a CSP of
 * their own: inline styles allowed, images over https only (no mixed content on an https page,
 * nothing a network can see or swap), scripts, frames, forms and everything else refused.
 */
import { Hono, type Context as HonoContext } from "hono";
import { isWeekName, weekDates } from "@tidings/core/digest/week";
import { TidingsError } from "@tidings/core/error";
import { getDigest, isPublic, listPublicDigests, type DigestSummary } from "@tidings/core/store/digests";
import { newsletter } from "@tidings/templates/newsletter";
import { digestPages, type DigestCache, type DigestPages, type Representation } from "../digest-pages.ts";
import type { AppEnv } from "../env.ts";
import { cacheAs, cacheControl } from "../http-cache.ts";
import { Layout } from "../pages/layout.tsx";

export const digestPageCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * A digest's pages: from memory when final (delivery began), else read and built anew (a digest
 * not yet sent may still be rebuilt or edited). 404 for a week without one, and for a draft
 * nobody approved yet: the same answer, so a draft's existence is not told either.
 */
export async function findPages(c: HonoContext<AppEnv>, cache: DigestCache, week: string): Promise<DigestPages> {
  const cached = cache.get(week);
  if (cached) return cached;
  const digest = isWeekName(week) ? await getDigest(c.var.ctx.db, week) : undefined;
  if (!digest || !isPublic(digest)) {
    throw new TidingsError("not_found", "digest.not_found", `There is no digest for ${week}.`);
  }
  const pages = digestPages(digest);
  if (pages.final) cache.set(week, pages);
  return pages;
}

/** One representation with its validators; the etag middleware answers a matching If-None-Match with 304. */
function answer(c: HonoContext<AppEnv>, pages: DigestPages, r: Representation, type: "html" | "json") {
  c.header("etag", r.etag);
  c.header("cache-control", pages.final ? cacheControl.final : cacheControl.revalidate);
  if (type === "json") return c.body(r.body, 200, { "content-type": "application/json" });
  c.header("content-security-policy", digestPageCsp);
  return c.html(r.body);
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

/** The archive's routes, keeping final digests' pages in `cache`. */
export const digestRoutes = (cache: DigestCache) =>
  new Hono<AppEnv>()
    .get("/", cacheAs(cacheControl.list), async (c) =>
      c.html(<Archive digests={await listPublicDigests(c.var.ctx.db)} />),
    )
    .get("/:week", async (c) => {
      const param = c.req.param("week");
      if (!param.endsWith(".json")) {
        const pages = await findPages(c, cache, param);
        return answer(c, pages, pages.web, "html");
      }
      // A week without a digest is answered by the one error handler, in JSON as the address asks.
      const pages = await findPages(c, cache, param.slice(0, -".json".length));
      return answer(c, pages, pages.json, "json");
    })
    .get("/:week/email", async (c) => {
      const pages = await findPages(c, cache, c.req.param("week"));
      return answer(c, pages, pages.email, "html");
    });
