/**
 * Times are the department's wall-clock times, with no time zone. A time is held as the number of
 * milliseconds since 1970-01-01T00:00:00 *as if* that wall clock were UTC, so plain arithmetic and
 * the UTC accessors of Date give the wall-clock fields without any zone conversion.
 */
import { UsageError } from './issues.js';
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A wall-clock instant (ms, see above). */
export type Wall = number;

export function wall(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Wall {
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** `YYYY-MM-DDTHH:mm:ss`, the form docs/outputs.md#json uses in JSON. */
export function formatWall(t: Wall): string {
  return new Date(t).toISOString().slice(0, 19);
}

/** `YYYY-MM-DD`. */
export function formatDate(t: Wall): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm`, for messages. */
export function formatShort(t: Wall): string {
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

/** This machine's clock now, as a wall time (the department's clock is the machine's). */
export function nowWall(): Wall {
  const d = new Date();
  return wall(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
}

/** 00:00:00 of the day holding t. */
export function startOfDay(t: Wall): Wall {
  return Math.floor(t / DAY) * DAY;
}

/** 23:59:59 of the day holding t. */
export function endOfDay(t: Wall): Wall {
  return startOfDay(t) + DAY - SECOND;
}

/** Milliseconds since midnight. */
export function timeOfDay(t: Wall): number {
  return t - startOfDay(t);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(t: Wall): number {
  return ((new Date(t).getUTCDay() + 6) % 7) + 1;
}

/** `HH:mm` or `HH:mm:ss` → ms since midnight; undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 24 || mi > 59 || s > 59 || (h === 24 && (mi > 0 || s > 0))) return undefined;
  return h * HOUR + mi * MINUTE + s * SECOND;
}

const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?)?$/;

/**
 * Parses the text forms of docs/inputs.md#values (`2024-05-03 14:22:05`, `2024/5/3 14:22`, `2024年5月3日 14:22`,
 * `2024-05-03T14:22:05`, and the same without time). Impossible dates such as 2024-02-31 are rejected.
 * Returns the instant and whether a time of day was written.
 */
export function parseDateText(text: string): { t: Wall; hasTime: boolean } | undefined {
  const m = DATE_TEXT.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const [h, mi, s] = hasTime ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : [0, 0, 0];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = wall(y, mo, d, h, mi, s);
  if (new Date(t).getUTCDate() !== d) return undefined; // 31/02 and friends roll over
  return { t, hasTime };
}

/** Excel serial date → wall time, in the 1900 or the 1904 date system; rounded to the second. */
export function excelSerialToWall(serial: number, date1904 = false): Wall {
  // 25569 = serial of 1970-01-01 in the 1900 system (which counts the phantom 1900-02-29).
  const days = date1904 ? serial + 1462 - 25569 : serial < 60 ? serial + 1 - 25569 : serial - 25569;
  return Math.round((days * DAY) / SECOND) * SECOND;
}

/** Serial of 10000-01-01 in the 1900 system: Excel shows no date from here on (#####). */
export const EXCEL_SERIAL_LIMIT = 2958466;

/** Whether a number is a date Excel can show: day 0 up to 9999-12-31, in either date system. */
export function isExcelDateSerial(serial: number, date1904 = false): boolean {
  return serial >= 0 && (date1904 ? serial + 1462 : serial) < EXCEL_SERIAL_LIMIT;
}

/** `YYYY-MM` → [first instant, last instant] of that month; undefined when malformed. */
export function parseMonth(text: string): { start: Wall; end: Wall; label: string } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return undefined;
  return { start: wall(y, mo, 1), end: wall(y, mo + 1, 1) - SECOND, label: text };
}

/** `YYYY-MM` as a command is given it: the month, or a usage error (exit 2) saying the expected form. */
export function requireMonth(text: string | undefined): { start: Wall; end: Wall; label: string } {
  const month = text ? parseMonth(text.trim()) : undefined;
  if (!month) throw new UsageError({ zh: `月份「${text ?? ''}」不对，应为 YYYY-MM，如 2024-05`, en: `month "${text ?? ''}" is not YYYY-MM, e.g. 2024-05` });
  return month;
}

/** `YYYY-Www` (ISO week) → [Monday 00:00, Sunday 23:59:59]; undefined when malformed or out of range. */
export function parseIsoWeek(text: string): { start: Wall; end: Wall; label: string } | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, w] = [Number(m[1]), Number(m[2])];
  const jan4 = wall(y, 1, 4);
  const week1Monday = jan4 - (isoWeekday(jan4) - 1) * DAY;
  const weeksInYear = isoWeekOf(wall(y, 12, 28)).week; // 28 Dec is always in the year's last week
  if (w < 1 || w > weeksInYear) return undefined;
  const start = week1Monday + (w - 1) * 7 * DAY;
  return { start, end: start + 7 * DAY - SECOND, label: text };
}

/** ISO week-numbering year and week of t. */
export function isoWeekOf(t: Wall): { year: number; week: number } {
  const thursday = startOfDay(t) + (4 - isoWeekday(t)) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - wall(year, 1, 1)) / (7 * DAY)) + 1;
  return { year, week };
}
