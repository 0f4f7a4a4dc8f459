import { describe, expect, it } from "vitest";
import { parseDate } from "@tidings/core/feed/dates";

describe("feed dates", () => {
  it.each([
    ["Tue, 19 May 2026 11:30:04 +0000", "2026-05-19T11:30:04.000Z"],
    ["Tue, 19 May 2026 11:30:04 GMT", "2026-05-19T11:30:04.000Z"],
    ["Wed, 08 Aug 2012 10:00:00 EST", "2012-08-08T15:00:00.000Z"],
    ["Wed, 08 Aug 2012 10:00:00 EDT", "2012-08-08T14:00:00.000Z"],
    ["Fri, 12 December 2008 10:00:00 PST", "2008-12-12T18:00:00.000Z"],
    ["Mon, 3 Jun 2024 09:05 +0530", "2024-06-03T03:35:00.000Z"],
    ["Fri 10 Oct 2008 10:00:00 GMT", "2008-10-10T10:00:00.000Z"],
    ["07 Nov 2015 12:00:00 EST", "2015-11-07T17:00:00.000Z"],
    ["03 Apr 02 1500 GMT", "2002-04-03T15:00:00.000Z"],
    ["Sun, 31 Dec 99 23:59:00 -0800", "2000-01-01T07:59:00.000Z"],
    ["Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40.000Z"],
    ["Mi, 04 Okt 2023 08:00:00 +0200", "2023-10-04T06:00:00.000Z"],
    ["Wed, 02 Oct 2002 13:00:00 GMT+0100", "2002-10-02T12:00:00.000Z"],
    ["Mon, 16 Oct 2017 15:10:00 +0000 (UTC)", "2017-10-16T15:10:00.000Z"],
    ["May 19, 2026 11:30 PM PDT", "2026-05-20T06:30:00.000Z"],
    ["2026-05-19T11:30:04Z", "2026-05-19T11:30:04.000Z"],
    ["2006-01-18T12:26:54+01:00", "2006-01-18T11:26:54.000Z"],
    ["2026-05-19T11:30:04.123456-05:00", "2026-05-19T16:30:04.123Z"],
    ["2026-05-19", "2026-05-19T00:00:00.000Z"],
    ["2026-05", "2026-05-01T00:00:00.000Z"],
    ["20260519T113004Z", "2026-05-19T11:30:04.000Z"],
    ["2020/1/10 14:33:00", "2020-01-10T14:33:00.000Z"],
    ["2024-02-29T12:00:00Z", "2024-02-29T12:00:00.000Z"],
  ])("%s → %s", (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it("reads a date without a zone as UTC", () => {
    expect(parseDate("2026-05-19 11:30")).toBe("2026-05-19T11:30:00.000Z");
    expect(parseDate("19 May 2026 11:30:04")).toBe("2026-05-19T11:30:04.000Z");
    expect(parseDate("2026-05-19T11:30:04")).toBe("2026-05-19T11:30:04.000Z");
  });

  it("reads an unknown zone name as UTC rather than guessing", () => {
    expect(parseDate("Tue, 10 Jun 2003 04:00:00 XYZW")).toBe("2003-06-10T04:00:00.000Z");
  });

  it.each([
    "Mon, 30 Feb 2026 10:00:00 GMT", // Feb 30 is not Mar 2
    "2026-02-30",
    "2023-02-29T10:00:00Z", // not a leap year
    "2026-04-31",
    "2026-13-01",
    "Tue, 19 May 2026 25:30:04 +0000",
    "Tue, 19 May 2026 11:61:04 +0000",
    "2026-05-19T11:30:04+25:00",
    "1518478934", // a bare Unix timestamp is no feed date
    "yesterday",
    "",
    "Tue, 19 Foo 2026 11:30:04 GMT",
  ])("%j is no date (null, never rolled over)", (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it("is null for nothing at all", () => {
    expect(parseDate(undefined)).toBeNull();
    expect(parseDate(null)).toBeNull();
  });
});
