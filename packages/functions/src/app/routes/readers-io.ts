/**
 * What the desk and the API share about readers: the list's query (state, prefix, cursor), the
 * streamed CSV export, and the import's consent mode.
 */
import type { Context as HonoContext } from "hono";
import { z } from "zod";
import { exportSubscribers } from "@tidings/core/admin/export";
import { TidingsError } from "@tidings/core/error";
import { LISTED_STATES } from "@tidings/core/store/subscriber-list";
import type { AppEnv } from "../env.ts";

/** The cursor is the last address of a page, opaque to clients. */
export const encodeCursor = (address: string | undefined) =>
  address ? Buffer.from(address).toString("base64url") : undefined;
const decodeCursor = (cursor: string | undefined) =>
  cursor ? Buffer.from(cursor, "base64url").toString("utf8") : undefined;

const ListQuery = z.object({
  state: z
    .enum(LISTED_STATES as [string, ...string[]])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  q: z.string().max(254).optional(),
  cursor: z.string().max(400).optional(),
});

/** `?state=&q=&cursor=` read; an unknown state is refused with the four there are. */
export function listQuery(c: HonoContext<AppEnv>) {
  const parsed = ListQuery.safeParse(c.req.query());
  if (!parsed.success) {
    throw new TidingsError(
      "invalid",
      "admin.bad_query",
      `state is one of ${LISTED_STATES.join(", ")}; q and cursor are short strings.`,
    );
  }
  const { state, q, cursor } = parsed.data;
  return {
    state: state as (typeof LISTED_STATES)[number] | undefined,
    prefix: q,
    after: decodeCursor(cursor),
    now: c.var.now(),
  };
}

/** The CSV export as a streamed response: each page of readers is written before the next is read. */
export function csvExport(c: HonoContext<AppEnv>, by: string) {
  const chunks = exportSubscribers(c.var.ctx, by, c.var.now());
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
  const day = c.var.now().toISOString().slice(0, 10);
  return c.body(body, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="subscribers-${day}.csv"`,
    "cache-control": "no-store",
  });
}

export const ConsentMode = z.enum(["confirmed", "opt-in"]);
