import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderMjml, renderText } from "@tidings/core/email/render";

const broken = { dir: fileURLToPath(new URL("../fixtures/email/broken", import.meta.url)) };

describe("email rendering", () => {
  it("fails on an MJML validation warning instead of sending it", async () => {
    await expect(renderMjml("invalid.mjml", { greeting: "hi" }, broken)).rejects.toThrow(/colour/);
  });

  it("fails when a partial cannot be included", async () => {
    await expect(renderMjml("missing-partial.mjml", {}, broken)).rejects.toThrow(/mj-include/);
  });

  it("fails when the data lacks a field the template uses", async () => {
    await expect(renderMjml("invalid.mjml", {}, broken)).rejects.toThrow(/greeting/);
  });

  it("renders text templates without HTML escaping", async () => {
    expect(await renderText("invalid.mjml", { greeting: "Tom & <Jerry>" }, broken)).toContain("Tom & <Jerry>");
  });
});
