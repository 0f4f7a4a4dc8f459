/**
 * `/api/v1/subscribers` (DESIGN.md, "Admin and API"): the list as JSON, the CSV export, the
 * import (`text/csv` body, `?consent=confirmed|opt-in`), and erasure by address.
 */
import { Hono } from "hono";
import { importSubscribers } from "@tidings/core/admin/import";
import { eraseReader, findReaders } from "@tidings/core/admin/readers";
import { TidingsError } from "@tidings/core/error";
import { EmailAddress } from "@tidings/core/subscription/address";
import { actor } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { importBodyLimit } from "../imports.ts";
import { ConsentMode, encodeCursor, listQuery } from "../readers-io.ts";

const notFound = () => new TidingsError("not_found", "api.no_reader", "There is no reader with this address.");

export const subscribersApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const page = await findReaders(c.var.ctx, listQuery(c));
    const items = page.readers.map(({ email, state, createdAt, confirmedAt, source }) => ({
      email,
      state,
      createdAt,
      confirmedAt,
      source,
    }));
    return c.json({ items, cursor: encodeCursor(page.next) ?? null });
  })
  .post("/import", importBodyLimit, async (c) => {
    const mode = ConsentMode.safeParse(c.req.query("consent"));
    if (!mode.success) throw new TidingsError("invalid", "api.consent", "Say ?consent=confirmed or ?consent=opt-in.");
    const report = await importSubscribers(c.var.ctx, c.var.confirmations, await c.req.text(), {
      mode: mode.data,
      by: actor(c),
      clientAddress: c.var.clientAddress,
      now: c.var.now(),
    });
    return c.json(report);
  })
  .delete("/:email", async (c) => {
    const email = EmailAddress.safeParse(c.req.param("email"));
    if (!email.success) throw notFound();
    if ((await eraseReader(c.var.ctx, email.data, actor(c), c.var.now())) === "not_found") throw notFound();
    return c.body(null, 204);
  });
