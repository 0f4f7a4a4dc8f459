/**
 * Feed dates → ISO-8601 UTC. RFC 822 in its real-world shapes (any zone, names like EST,
 * two-digit years, no seconds, month names in the feed's language), ISO 8601 / RFC 3339 /
 * W3C-DTF, and `2020/1/10 14:33` — a date without a zone is UTC. An impossible date is null,
 * never rolled over: `Date.UTC` would make Feb 30 into Mar 2, so every field is checked first.
 */

const months: Record<string, number> = {};
const monthNames = [
  "jan janv january janeiro januar enero ene gen gennaio",
  "feb fev fevereiro febr february februar febrero fevr fevrier febbraio",
  "mar mars march marco marz mrz marzo",
  "apr abr avr april abril avril aprile",
  "may mai maio mayo mag maggio",
  "jun juin june junho juni junio giu giugno",
  "jul juil july julho juli julio lug luglio",
  "aug ago aou aout august agosto",
  "sep sept set september setembro septiembre septembre settembre",
  "oct okt out ott october outubro oktober octubre octobre ottobre",
  "nov november novembro noviembre novembre",
  "dec dez dic december dezembro dezember diciembre decembre dicembre",
];
monthNames.forEach((names, i) => names.split(" ").forEach((name) => (months[name] = i + 1)));

// Offsets in minutes. Military letters are unreliable (RFC 2822 §4.3): only Z is kept.
const zones: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  bst: 60,
  ist: 330,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  west: 60,
  eet: 120,
  eest: 180,
  msk: 180,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  awst: 480,
  acst: 570,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : monthDays[month - 1]!);

/** Checks every field, then builds the instant; null when any field is out of range. */
function instant(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, offset = 0): string | null {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && s <= 60)) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offset * 60_000;
  const date = new Date(t);
  // Date.UTC maps years 0–99 to 1900–1999; feeds do not date items that early anyway.
  if (y < 100) date.setUTCFullYear(y);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Minutes east of UTC for `+0100`, `-05:00`, `+9`, `Z`, `EST`…; 0 when absent; undefined when nonsense. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (numeric) {
    const [, sign, h, m = "0"] = numeric;
    if (Number(h) > 23 || Number(m) > 59) return undefined;
    return (sign === "-" ? -1 : 1) * (Number(h) * 60 + Number(m));
  }
  const named = zones[zone.toLowerCase()];
  // An unknown name (or a military letter) says nothing reliable: read as UTC, like no zone.
  return named ?? (/^[a-z]{1,5}$/i.test(zone) ? 0 : undefined);
}

function fullYear(year: string): number {
  const y = Number(year);
  if (year.length > 2) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

function hour12(h: number, meridiem: string | undefined): number {
  if (!meridiem) return h;
  const pm = meridiem.toLowerCase() === "pm";
  return (h % 12) + (pm ? 12 : 0);
}

const monthOf = (name: string) =>
  months[
    name
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/\.$/, "")
  ];

const time = String.raw`(?:[\sT,]+(\d{1,2}):?(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap]m)?)?`;
const zone = String.raw`\s*(?:GMT(?=[+-]))?([+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?\s*(?:\([^)]*\))?`;
// [Day,] 19 May 2026 11:30:04 +0000
const rfc822 = new RegExp(
  String.raw`^(?:[^\d\s,]{2,}\.?,?\s*)?(\d{1,2})[\s-]+([^\d\s,.-]{3,})\.?,?[\s-]+(\d{4}|\d{2})` + time + zone + "$",
  "i",
);
// [Day,] May 19, 2026 11:30:04 +0000
const monthFirst = new RegExp(
  String.raw`^(?:[^\d\s,]{2,}\.?,?\s*)?([^\d\s,.-]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + time + zone + "$",
  "i",
);
// 2026-05-19T11:30:04.123+08:00, 2026-05-19, 20260519T113004Z, 2026-05
const iso =
  /^(\d{4})-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// 2020/1/10 14:33:00
const slashed =
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** An ISO-8601 UTC string for a feed date, or null when it is absent or not a real date. */
export function parseDate(value: string | undefined | null): string | null {
  const text = value?.trim();
  if (!text || text.length > 80) return null;

  // Numeric dates start with the year; RFC 822 ones with a day name or the day.
  const numeric = text.charCodeAt(4) === 45 || text.charCodeAt(4) === 47 || /^\d{8}/.test(text);
  let m = numeric ? iso.exec(text) : null;
  if (m) {
    const offset = zoneOffset(m[8]);
    if (offset === undefined) return null;
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
    const [y, mo, d = "1", h = "0", mi = "0", s = "0"] = m.slice(1, 7);
    return instant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms, offset);
  }
  m = numeric ? slashed.exec(text) : null;
  if (m) {
    const offset = zoneOffset(m[7]);
    if (offset === undefined) return null;
    const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1, 7);
    return instant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), 0, offset);
  }
  m = rfc822.exec(text);
  let day: string | undefined, month: string | undefined, year: string | undefined;
  if (m) [, day, month, year] = m;
  else if ((m = monthFirst.exec(text))) [, month, day, year] = m;
  if (!m || !day || !month || !year) return null;
  const mo = monthOf(month);
  const offset = zoneOffset(m[8]);
  if (!mo || offset === undefined) return null;
  const [h = "0", mi = "0", s = "0"] = m.slice(4, 7);
  if (m[7] && Number(h) > 12) return null;
  return instant(fullYear(year), mo, Number(day), hour12(Number(h), m[7]), Number(mi), Number(s), 0, offset);
}
