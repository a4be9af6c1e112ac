// Every date and time the app shows. The server and the first client render format in UTC with
// fixed English names (no Intl date formatting, whose output differs between Node's and the
// browser's ICU and would break hydration). Lists and detail pages stay in UTC (formatUtc); the
// timeline switches to the browser's own zone once mounted (the Zone-taking functions).

/** "2026-05-12 14:03 UTC", the same on the server and in every browser; `fallback` when there is no date. */
export function formatUtc(iso: string | undefined, fallback = "Never"): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : fallback;
}

/** "utc" for the server and hydration, "local" once the browser has mounted. */
export type Zone = "utc" | "local";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface Parts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
  seconds: number;
}

function partsOf(date: Date, zone: Zone): Parts {
  return zone === "utc"
    ? { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate(), weekday: date.getUTCDay(), hours: date.getUTCHours(), minutes: date.getUTCMinutes(), seconds: date.getUTCSeconds() }
    : { year: date.getFullYear(), month: date.getMonth(), day: date.getDate(), weekday: date.getDay(), hours: date.getHours(), minutes: date.getMinutes(), seconds: date.getSeconds() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "UTC", or the browser's offset such as "UTC+2" / "UTC−5:30". */
function zoneLabel(date: Date, zone: Zone): string {
  if (zone === "utc") return "UTC";
  const offset = -date.getTimezoneOffset();
  if (offset === 0) return "UTC";
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  return `UTC${offset > 0 ? "+" : "−"}${hours}${minutes ? `:${pad(minutes)}` : ""}`;
}

/** The calendar day an instant falls on in the zone, as YYYY-MM-DD (for grouping). */
export function dayKey(iso: string, zone: Zone): string {
  const p = partsOf(new Date(iso), zone);
  return `${p.year}-${pad(p.month + 1)}-${pad(p.day)}`;
}

/** "Tuesday, 12 May 2026", or "Today" / "Yesterday" when `now` is known. */
export function dayHeading(iso: string, zone: Zone, now: number | null): string {
  const key = dayKey(iso, zone);
  if (now !== null) {
    if (key === dayKey(new Date(now).toISOString(), zone)) return "Today";
    if (key === dayKey(new Date(now - 86_400_000).toISOString(), zone)) return "Yesterday";
  }
  const p = partsOf(new Date(iso), zone);
  return `${WEEKDAYS[p.weekday]}, ${p.day} ${MONTHS[p.month]} ${p.year}`;
}

/** "12 May 2026, 14:03:05 UTC+2". */
export function exactTime(iso: string, zone: Zone): string {
  const date = new Date(iso);
  const p = partsOf(date, zone);
  return `${p.day} ${MONTHS[p.month]} ${p.year}, ${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)} ${zoneLabel(date, zone)}`;
}

/** "14:03" in the zone, for an entry under its day heading. */
export function clockTime(iso: string, zone: Zone): string {
  const p = partsOf(new Date(iso), zone);
  return `${pad(p.hours)}:${pad(p.minutes)}`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

let relative: Intl.RelativeTimeFormat | undefined;

/** "just now", "3 minutes ago", "yesterday", "2 weeks ago" (client side only). */
export function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  relative ??= new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "minute") return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}
