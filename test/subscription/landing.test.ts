import { describe, expect, it } from "vitest";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { digestKeys } from "@tidings/core/store/keys";
import { useTestbed } from "../support/testbed.ts";

const bed = useTestbed();

describe("the landing page", () => {
  it("names the newsletter, lists its themes, links the archive and has a labelled form", async () => {
    const res = await bed.app.request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>Tidings: Semiconductors</h1>");
    for (const theme of ["AI chips &amp; computing", "Memory &amp; storage", "Policy &amp; trade", "More news"])
      expect(html).toContain(theme);
    expect(html).toContain('<a href="/digests">Browse past issues</a>');
    expect(html).toContain('<form class="signup" method="post" action="/subscribe">');
    expect(html).toContain('<label for="email">Your email address</label>');
    expect(html).toMatch(/<input type="email" id="email" name="email" autocomplete="email" required=""/);
    expect(html).not.toMatch(/<script|style=/);
  });
});

describe("the landing page's sample issue", () => {
  it("links the newest digest once there is one", async () => {
    const { client, table } = bed.services.ctx.db;
    for (const week of ["2026-W19", "2026-W20", "2026-W18"]) {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: { ...digestKeys.key(week), ...digestKeys.index(week), week, subject: week },
        }),
      );
    }
    const html = await (await bed.app.request("/")).text();
    expect(html).toContain('<a href="/digests/2026-W20">Read the latest issue</a>');
  });
});
