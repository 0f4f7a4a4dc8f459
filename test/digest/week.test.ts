import { describe, expect, it } from "vitest";
import { lastCompleteWeek, parseWeek, weekDates, weekOf, weekRange } from "@tidings/core/digest/week";

describe("ISO weeks", () => {
  it("names the Monday-to-Sunday range of a week", () => {
    const r = weekRange("2026-W20", "UTC");
    expect(r.start.toISOString()).toBe("2026-05-11T00:00:00.000Z");
    expect(r.end.toISOString()).toBe("2026-05-18T00:00:00.000Z");
    expect([r.firstDay, r.lastDay]).toEqual(["2026-05-11", "2026-05-17"]);
    expect(weekDates(r, "en-GB")).toMatch(/^11\s?–\s?17 May 2026$/);
  });

  it("puts week 1 in the year of its Thursday, across the year boundary", () => {
    expect(weekRange("2026-W01", "UTC").firstDay).toBe("2025-12-29");
    expect(weekOf(new Date("2025-12-29T12:00:00Z"), "UTC")).toBe("2026-W01");
    expect(weekOf(new Date("2021-01-03T12:00:00Z"), "UTC")).toBe("2020-W53");
    expect(weekOf(new Date("2027-01-01T12:00:00Z"), "UTC")).toBe("2026-W53");
  });

  it("accepts W53 only in years that have it", () => {
    expect(weekRange("2026-W53", "UTC")).toMatchObject({ firstDay: "2026-12-28", lastDay: "2027-01-03" });
    expect(parseWeek("2020-W53")).toBe("2020-W53");
    for (const bad of ["2021-W53", "2027-W53", "2026-W00", "2026-W54", "2026-20", "2026W20", "week 20"]) {
      expect(() => parseWeek(bad), bad).toThrow(/not an ISO week/);
    }
  });

  it("starts the week at local midnight in the digest's time zone", () => {
    expect(weekRange("2026-W20", "Asia/Tokyo").start.toISOString()).toBe("2026-05-10T15:00:00.000Z");
    expect(weekRange("2026-W20", "America/New_York").start.toISOString()).toBe("2026-05-11T04:00:00.000Z");
    // A DST change inside the week: Europe/London goes to summer time on 29 March 2026.
    const dst = weekRange("2026-W13", "Europe/London");
    expect(dst.start.toISOString()).toBe("2026-03-23T00:00:00.000Z");
    expect(dst.end.toISOString()).toBe("2026-03-29T23:00:00.000Z");
  });

  it("files one instant in different weeks in different zones", () => {
    const late = new Date("2026-05-17T23:30:00Z"); // Sunday night in UTC, Monday morning in Tokyo
    expect(weekOf(late, "UTC")).toBe("2026-W20");
    expect(weekOf(late, "Asia/Tokyo")).toBe("2026-W21");
  });

  it("finds the last complete week in the time zone", () => {
    const now = new Date("2026-05-17T15:30:00Z"); // Monday 00:30 in Tokyo, Sunday in UTC
    expect(lastCompleteWeek(now, "Asia/Tokyo")).toBe("2026-W20");
    expect(lastCompleteWeek(now, "UTC")).toBe("2026-W19");
    expect(lastCompleteWeek(new Date("2027-01-04T10:00:00Z"), "UTC")).toBe("2026-W53");
    expect(lastCompleteWeek(new Date("2026-01-05T10:00:00Z"), "UTC")).toBe("2026-W01");
  });

  it("rejects an unknown time zone with a clear error", () => {
    expect(() => weekRange("2026-W20", "Mars/Olympus")).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});
