/**
 * CSV imports are the only requests larger than the app's 16 KB limit: 5 MB (about 150,000
 * addresses; a Lambda function URL takes at most 6 MB), read before anything else happens.
 */
import type { Context as HonoContext } from "hono";
import { bodyLimit } from "hono/body-limit";
import { TidingsError } from "@tidings/core/error";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The routes that take a CSV import (the desk's form and the API). */
export const isImport = (c: HonoContext) =>
  c.req.method === "POST" &&
  (c.req.path === "/admin/subscribers/import" || c.req.path === "/api/v1/subscribers/import");

export const importBodyLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new TidingsError("too_large", "admin.import_too_large", "A CSV import can be at most 5 MB: split the file.");
  },
});
