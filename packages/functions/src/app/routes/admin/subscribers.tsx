/**
 * The desk's readers: the list (`GET /admin/subscribers?state=&q=&cursor=`), the export
 * (`…/export.csv`, streamed), the import (`POST …/import`, a CSV file and a consent mode), a
 * reader's page (`…/:email`) and erasure (`POST …/:email/erase`).
 */
import { Hono, type Context as HonoContext } from "hono";
import { importSubscribers } from "@tidings/core/admin/import";
import { eraseReader, findReaders, readerByAddress } from "@tidings/core/admin/readers";
import { TidingsError } from "@tidings/core/error";
import { EmailAddress } from "@tidings/core/subscription/address";
import { actor } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { ImportReportPage, ReaderPage, SubscribersPage } from "../../pages/admin/subscribers.tsx";
import { ConsentMode, csvExport, encodeCursor, listQuery } from "../readers-io.ts";
import { editorOf } from "./editor.ts";

const notices: Record<string, string> = { erased: "The reader was erased." };

/** The `:email` of a reader's address, or 404. */
function addressParam(c: HonoContext<AppEnv>): EmailAddress {
  const parsed = EmailAddress.safeParse(c.req.param("email"));
  if (!parsed.success) throw new TidingsError("not_found", "admin.no_reader", "There is no reader with this address.");
  return parsed.data;
}

export const subscriberRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const query = listQuery(c);
    const page = await findReaders(c.var.ctx, query);
    return c.html(
      <SubscribersPage
        readers={page.readers}
        next={encodeCursor(page.next)}
        state={query.state}
        q={query.prefix}
        notice={notices[c.req.query("done") ?? ""]}
        editor={editorOf(c)}
      />,
    );
  })
  .get("/export.csv", (c) => csvExport(c, actor(c)))
  .post("/import", async (c) => {
    const form = await c.req.parseBody();
    const mode = ConsentMode.safeParse(form.consent);
    if (!(form.csv instanceof File) || !mode.success) {
      throw new TidingsError("invalid", "admin.import_form", "Choose a CSV file and a consent mode.");
    }
    const report = await importSubscribers(c.var.ctx, c.var.confirmations, await form.csv.text(), {
      mode: mode.data,
      by: actor(c),
      clientAddress: c.var.clientAddress,
      now: c.var.now(),
    });
    return c.html(<ImportReportPage report={report} editor={editorOf(c)} />);
  })
  .get("/:email", async (c) => {
    const reader = await readerByAddress(c.var.ctx, addressParam(c));
    if (!reader) throw new TidingsError("not_found", "admin.no_reader", "There is no reader with this address.");
    return c.html(<ReaderPage s={reader} editor={editorOf(c)} />);
  })
  .post("/:email/erase", async (c) => {
    const outcome = await eraseReader(c.var.ctx, addressParam(c), actor(c), c.var.now());
    if (outcome === "not_found")
      throw new TidingsError("not_found", "admin.no_reader", "There is no reader with this address.");
    return c.redirect("/admin/subscribers?done=erased", 303);
  });
