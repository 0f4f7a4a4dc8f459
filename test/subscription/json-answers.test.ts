/** API callers get JSON from the signup, confirm and unsubscribe routes, refusals included. */
import { describe, expect, it } from "vitest";
import { unsubscribeUrl } from "@tidings/core/subscription/links";
import { CLIENT_HEADER, confirmLink, freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();
const json = { accept: "application/json" };

async function confirmPath(address: string): Promise<string> {
  await signup(bed.app, { email: address }, { client: freshClient() });
  const [mail] = await bed.mailTo(address);
  return bed.path(confirmLink(mail?.body.text));
}

describe("JSON answers", () => {
  it("POST /subscribe answers JSON to a JSON body, or to a form that asks for JSON", async () => {
    const check = {
      status: "check_inbox",
      message: "If this address is not subscribed yet, a confirmation email is on its way.",
    };
    const body = await signup(bed.app, { email: "api@example.com" }, { client: freshClient(), json: true });
    expect(body.status).toBe(200);
    expect(await body.json()).toEqual(check);

    const form = await bed.app.request("/subscribe", {
      method: "POST",
      headers: { ...json, "content-type": "application/x-www-form-urlencoded", [CLIENT_HEADER]: freshClient() },
      body: new URLSearchParams({ email: "form-api@example.com" }).toString(),
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toEqual(check);

    const refused = await bed.app.request("/subscribe", {
      method: "POST",
      headers: { ...json, "content-type": "application/x-www-form-urlencoded", [CLIENT_HEADER]: freshClient() },
      body: new URLSearchParams({ email: "not an address" }).toString(),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "subscription.invalid_email" } });
    expect(await bed.stateOf("api@example.com")).toBe("pending");
  });

  it("GET /confirm answers { status }, and a refused link the error", async () => {
    const link = await confirmPath("confirm-api@example.com");
    const first = await bed.app.request(link, { headers: json });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: "confirmed" });
    expect(await (await bed.app.request(link, { headers: json })).json()).toEqual({ status: "already" });

    const missing = await bed.app.request("/confirm", { headers: json });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: {
        code: "subscription.token_missing",
        message: "The link has no token: copy the whole link from the email, or sign up again.",
      },
    });
  });

  it("POST /unsubscribe answers { status }, and an altered link the unsubscribe help", async () => {
    await bed.app.request(await confirmPath("leave-api@example.com"));
    const link = bed.path(unsubscribeUrl(bed.services.ctx.config, { id: await bed.idOf("leave-api@example.com") }));
    const altered = link.slice(0, -3) + (link.endsWith("AAA") ? "BBB" : "AAA");
    const refused = await bed.app.request(altered, { method: "POST", headers: json });
    expect(refused.status).toBe(403);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("subscription.token_invalid");
    expect(error.message).toContain("This unsubscribe link is not valid");
    expect(await bed.stateOf("leave-api@example.com")).toBe("active");

    const res = await bed.app.request(link, { method: "POST", headers: json });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "unsubscribed" });
    expect(await bed.stateOf("leave-api@example.com")).toBe("unsubscribed");
  });
});
