/**
 * The key formats are in live tables: these pin them, so a change to keys.ts that would orphan
 * existing rows fails here first.
 */
import { describe, expect, it } from "vitest";
import {
  ACTIVE_SHARDS,
  activeShard,
  dataOf,
  digestKeys,
  feedKeys,
  itemKeys,
  rateLimitKeys,
  rowOf,
  sendKeys,
  subscriberKeys,
} from "@tidings/core/store/keys";

const id = "sub_AAECAwQFBgcICQoLDA0ODw"; // bytes 0…15: shard 0

describe("keys", () => {
  it("keep the formats rows were written with", () => {
    expect(feedKeys.key("f1")).toEqual({ PK: "FEED#f1", SK: "STATE" });
    expect(feedKeys.index("f1")).toEqual({ GSI1PK: "FEEDS", GSI1SK: "f1" });
    expect(itemKeys.key("f1", "i1")).toEqual({ PK: "FEED#f1", SK: "ITEM#i1" });
    expect(itemKeys.index("2026-05-18T08:00:00.000Z", "f1", "i1")).toEqual({
      GSI1PK: "PUB#2026-05",
      GSI1SK: "2026-05-18T08:00:00.000Z#f1#i1",
    });
    expect(itemKeys.itemKeyOf("ITEM#i1")).toBe("i1");
    expect(digestKeys.key("2026-W20")).toEqual({ PK: "DIGEST#2026-W20", SK: "DIGEST" });
    expect(digestKeys.index("2026-W20")).toEqual({ GSI1PK: "DIGESTS", GSI1SK: "2026-W20" });
    expect(subscriberKeys.key(id)).toEqual({ PK: `SUB#${id}`, SK: "SUB" });
    expect(subscriberKeys.activeIndex(id)).toEqual({ GSI1PK: "ACTIVE#0", GSI1SK: id });
    expect(sendKeys.key("2026-W20", id)).toEqual({ PK: "SEND#2026-W20", SK: `SUB#${id}` });
    expect(sendKeys.of("2026-W20")).toBe("SEND#2026-W20");
    expect(rateLimitKeys.key("signup-client", "192.0.2.1", { seconds: 60, start: 1_779_094_800 })).toEqual({
      PK: "RATE#signup-client#192.0.2.1",
      SK: "60s#1779094800",
    });
  });

  it("shard active subscribers by the first byte of their id", () => {
    expect(activeShard("sub_EQECAwQFBgcICQoLDA0ODw")).toBe(0x11 % ACTIVE_SHARDS);
    expect(() => activeShard("not-an-id")).toThrow("not a subscriber id");
  });
});

describe("rows", () => {
  it("take keys and type from the entity, never from the data", () => {
    const row = rowOf("feed", feedKeys.key("f1"), { feedKey: "f1", PK: "forged", type: "digest" });
    expect(row).toEqual({ PK: "FEED#f1", SK: "STATE", type: "feed", feedKey: "f1" });
  });

  it("give back the data with every key attribute and the type stripped", () => {
    const row = rowOf("subscriber", { ...subscriberKeys.key(id), ...subscriberKeys.activeIndex(id) }, { id });
    expect(dataOf(row)).toEqual({ id });
    expect(dataOf({ PK: "SUB#x", SK: "SUB", id: "x" })).toEqual({ id: "x" }); // a row from before `type`
  });
});
