/**
 * ISO weeks (`2026-W20`: Monday to Sunday, week 1 holds the year's first Thursday) in the
 * digest's time zone. Luxon does the calendar and time-zone work (DST included).
 */
import { DateTime, IANAZone } from "luxon";
import { TidingsError } from "../error.ts";

/** An ISO week, `YYYY-Www`. */
export type IsoWeek = `${number}-W${string}`;

export interface WeekRange {
  week: IsoWeek;
  /** Monday 00:00 in the time zone, as an instant. */
  start: Date;
  /** The next Monday 00:00: the range is [start, end). */
  end: Date;
  /** Calendar dates (YYYY-MM-DD) of the Monday and the Sunday, in the time zone. */
  firstDay: string;
  lastDay: string;
}

const pattern = /^(\d{4})-W(\d{2})$/;

function zone(timeZone: string): IANAZone {
  const z = IANAZone.create(timeZone);
  if (!z.isValid) throw new TidingsError("invalid", "digest.bad_timezone", `unknown time zone "${timeZone}"`);
  return z;
}

/** True for text shaped like a week name (`2026-W20`); `parseWeek` also checks the year has that week. */
export const isWeekName = (text: string): text is IsoWeek => pattern.test(text);

function label(d: DateTime): IsoWeek {
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, "0")}` as IsoWeek;
}

/** Checks a week name: the format, and that the year has that week (W53 only in long years). */
export function parseWeek(text: string): IsoWeek {
  const m = pattern.exec(text.trim());
  const [year, week] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  const monday = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: "UTC" });
  if (!m || week < 1 || !monday.isValid || monday.weekNumber !== week) {
    throw new TidingsError("invalid", "digest.bad_week", `not an ISO week: "${text}" (expected e.g. 2026-W20)`);
  }
  return label(monday);
}

/** The instants and calendar days an ISO week covers in a time zone. */
export function weekRange(week: string, timeZone: string): WeekRange {
  const name = parseWeek(week);
  const [year, num] = name.split("-W").map(Number) as [number, number];
  const start = DateTime.fromObject({ weekYear: year, weekNumber: num, weekday: 1 }, { zone: zone(timeZone) });
  const end = start.plus({ weeks: 1 });
  return {
    week: name,
    start: start.toJSDate(),
    end: end.toJSDate(),
    firstDay: start.toISODate()!,
    lastDay: end.minus({ days: 1 }).toISODate()!,
  };
}

/** The ISO week an instant falls in, in a time zone. */
export function weekOf(instant: Date, timeZone: string): IsoWeek {
  return label(DateTime.fromJSDate(instant, { zone: zone(timeZone) }));
}

/** The last week that has fully ended at `now`, in a time zone (the default digest). */
export function lastCompleteWeek(now: Date, timeZone: string): IsoWeek {
  return label(DateTime.fromJSDate(now, { zone: zone(timeZone) }).minus({ weeks: 1 }));
}

/** "11–17 May 2026", "28 December 2026 – 3 January 2027": the week's days for people. */
export function weekDates(range: Pick<WeekRange, "firstDay" | "lastDay">, locale: string): string {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return format.formatRange(day(range.firstDay), day(range.lastDay));
}
