/**
 * The working-day calendar of docs/rules.md#calendar: the mainland-China statutory calendar (weekends off, public holidays
 * off, make-up working days 调休 on) from the `chinese-days` package, plus the company's own exceptions from a
 * calendar file (`holidays: [dates]`, `workdays: [dates]`).
 *
 * Lookups are memoised per day: rules ask for every row of a million-row log.
 */
import { createRequire } from 'node:module';
import { isSeq } from 'yaml';
import { UsageError } from '../core/issues.js';
import { DAY, formatDate, parseDateText, startOfDay, wall, type Wall } from '../core/time.js';
import { ConfigFileError, lineAt, nodeAt, parseYamlText, readYamlFile, shown, type ConfigProblem, type YamlFile } from '../regulation/yaml-file.js';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The package's own lookup functions parse dates in the process's time zone and give wrong answers west of
// UTC (2024-05-06 is "not a workday" under TZ=America/Los_Angeles); its data table has no such problem.
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;

const dayIndex = (t: Wall) => Math.floor(t / DAY);

function indexDates(dates: Record<string, string>): Set<number> {
  const out = new Set<number>();
  for (const d of Object.keys(dates)) {
    const [y, m, dd] = d.split('-').map(Number);
    out.add(dayIndex(wall(y, m, dd)));
  }
  return out;
}

const STATUTORY_HOLIDAYS = indexDates(data.holidays);
const STATUTORY_WORKDAYS = indexDates(data.workdays);
const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));

/** The years the statutory data covers; outside them only weekends are days off. */
export const STATUTORY_YEARS = { from: Math.min(...years), to: Math.max(...years) };

/** The company's own exceptions (docs/rules.md#calendar `--calendar FILE`). Dates are 00:00 of the day. */
export interface CalendarOverrides {
  file?: string;
  holidays: Wall[];
  workdays: Wall[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday' | 'company-holiday' | 'company-workday';

export interface Calendar {
  isWorkingDay(t: Wall): boolean;
  /** 00:00 of the first working day strictly after t's date. */
  nextWorkingDay(t: Wall): Wall;
  /** 00:00 of the last working day strictly before t's date. */
  previousWorkingDay(t: Wall): Wall;
  /** 00:00 of t's date when it is a working day, else of the last working day before it. */
  lastWorkingDayOnOrBefore(t: Wall): Wall;
  /** 00:00 of t's date when it is a working day, else of the next working day. */
  firstWorkingDayOnOrAfter(t: Wall): Wall;
  /** Why t's date is, or is not, a working day (for `ecops rules` and messages). */
  kindOf(t: Wall): DayKind;
  readonly overrides: CalendarOverrides;
}

// Day indexes the memo tables cover: 1970-01-01 … about 2149; others are computed each time.
const CACHE_DAYS = 65_536;
/** Give up searching for a working day after this many days (a calendar file that turns a year off). */
const SEARCH_LIMIT = 3_660;

export function createCalendar(overrides: CalendarOverrides = { holidays: [], workdays: [] }): Calendar {
  const companyHolidays = new Set(overrides.holidays.map(dayIndex));
  const companyWorkdays = new Set(overrides.workdays.map(dayIndex));
  // 0 = not computed, 1 = working, 2 = off.
  const working = new Uint8Array(CACHE_DAYS);
  // day index + 1 of the next working day; 0 = not computed.
  const next = new Int32Array(CACHE_DAYS);
  const prev = new Int32Array(CACHE_DAYS);

  function kindOfDay(d: number): DayKind {
    if (companyHolidays.has(d)) return 'company-holiday';
    if (companyWorkdays.has(d)) return 'company-workday';
    if (STATUTORY_HOLIDAYS.has(d)) return 'holiday';
    if (STATUTORY_WORKDAYS.has(d)) return 'makeup-workday';
    const weekday = (((d + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Monday
    return weekday >= 5 ? 'weekend' : 'workday';
  }

  function isWorkingIndex(d: number): boolean {
    if (d >= 0 && d < CACHE_DAYS) {
      const c = working[d];
      if (c !== 0) return c === 1;
    }
    const kind = kindOfDay(d);
    const w = kind === 'workday' || kind === 'makeup-workday' || kind === 'company-workday';
    if (d >= 0 && d < CACHE_DAYS) working[d] = w ? 1 : 2;
    return w;
  }

  function search(d: number, step: 1 | -1, table: Int32Array): number {
    if (d >= 0 && d < CACHE_DAYS && table[d] !== 0) return table[d] - 1;
    let x = d + step;
    for (let i = 0; !isWorkingIndex(x); i++, x += step) {
      if (i > SEARCH_LIMIT) {
        throw new UsageError({
          zh: `${formatDate(d * DAY)} 前后 ${SEARCH_LIMIT} 天内没有工作日，请检查日历文件`,
          en: `no working day within ${SEARCH_LIMIT} days of ${formatDate(d * DAY)}; check the calendar file`,
        });
      }
    }
    if (d >= 0 && d < CACHE_DAYS) table[d] = x + 1;
    return x;
  }

  return {
    overrides,
    isWorkingDay: (t) => isWorkingIndex(dayIndex(t)),
    nextWorkingDay: (t) => search(dayIndex(t), 1, next) * DAY,
    previousWorkingDay: (t) => search(dayIndex(t), -1, prev) * DAY,
    lastWorkingDayOnOrBefore(t) {
      const d = dayIndex(t);
      return isWorkingIndex(d) ? d * DAY : search(d, -1, prev) * DAY;
    },
    firstWorkingDayOnOrAfter(t) {
      const d = dayIndex(t);
      return isWorkingIndex(d) ? d * DAY : search(d, 1, next) * DAY;
    },
    kindOf: (t) => kindOfDay(dayIndex(t)),
  };
}

const KIND = { zh: '日历文件', en: 'calendar file' };
const CALENDAR_KEYS = ['holidays', 'workdays'] as const;

/** Reads a company calendar file; any problem is a UsageError (exit 2) naming the file and line. */
export function loadCalendarFile(path: string): CalendarOverrides {
  return parseCalendar(readYamlFile(path, KIND));
}

/** The same from text (tests, or a calendar held elsewhere); `file` names it in messages. */
export function parseCalendarText(text: string, file: string): CalendarOverrides {
  return parseCalendar(parseYamlText(text, file, KIND));
}

function parseCalendar(y: YamlFile): CalendarOverrides {
  const problems: ConfigProblem[] = [];
  const out: CalendarOverrides = { file: y.file, holidays: [], workdays: [] };
  const data = y.data;
  if (data === null || data === undefined) return out; // an empty file adds nothing
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigFileError(y.file, KIND, [
      { line: lineAt(y, []), path: '', message: { zh: '应为包含 holidays 和 workdays 两个列表的映射', en: 'expected a mapping with the lists holidays and workdays' } },
    ]);
  }
  for (const key of Object.keys(data)) {
    if (!(CALENDAR_KEYS as readonly string[]).includes(key)) {
      problems.push({
        line: lineAt(y, [key], true),
        path: key,
        message: { zh: `未知的键 ${key}（可用：holidays、workdays）`, en: `unknown key ${key} (allowed: holidays, workdays)` },
      });
    }
  }
  const seen = new Map<number, { list: string; line?: number }>();
  for (const list of CALENDAR_KEYS) {
    const value = (data as Record<string, unknown>)[list];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || !isSeq(nodeAt(y, [list]))) {
      problems.push({ line: lineAt(y, [list]), path: list, message: { zh: '应为日期列表', en: 'expected a list of dates' } });
      continue;
    }
    value.forEach((item: unknown, i) => {
      const line = lineAt(y, [list, i]);
      const path = `${list}[${i}]`;
      const t = readDate(item);
      if (t === undefined) {
        problems.push({
          line,
          path,
          message: { zh: `${shown(item)} 不是有效日期（应为 YYYY-MM-DD）`, en: `${shown(item)} is not a valid date (use YYYY-MM-DD)` },
        });
        return;
      }
      const before = seen.get(dayIndex(t));
      if (before && before.list !== list) {
        problems.push({
          line,
          path,
          message: {
            zh: `${formatDate(t)} 同时列在 holidays 和 workdays 中（另见第 ${before.line} 行）`,
            en: `${formatDate(t)} is listed both in holidays and in workdays (see also line ${before.line})`,
          },
        });
        return;
      }
      seen.set(dayIndex(t), { list, line });
      out[list].push(t);
    });
  }
  if (problems.length) throw new ConfigFileError(y.file, KIND, problems);
  return out;
}

function readDate(item: unknown): Wall | undefined {
  if (item instanceof Date && !Number.isNaN(item.getTime())) return startOfDay(item.getTime());
  if (typeof item !== 'string') return undefined;
  const parsed = parseDateText(item.trim());
  return parsed && !parsed.hasTime ? parsed.t : undefined;
}
