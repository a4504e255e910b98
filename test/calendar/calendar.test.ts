import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendar, loadCalendarFile, parseCalendarText, STATUTORY_YEARS } from '../../src/calendar/calendar.js';
import { UsageError } from '../../src/core/issues.js';
import { formatDate, formatWall, wall } from '../../src/core/time.js';
import { ConfigFileError } from '../../src/regulation/index.js';

const d = (text: string) => {
  const [y, m, day] = text.split('-').map(Number);
  return wall(y, m, day);
};
const cal = createCalendar();

describe('statutory calendar', () => {
  it('May 2024: 1–5 May off, Sunday 28 April and Saturday 11 May working', () => {
    const days = ['2024-04-27', '2024-04-28', '2024-04-29', '2024-04-30', '2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05', '2024-05-06', '2024-05-10', '2024-05-11', '2024-05-12', '2024-05-13'];
    expect(Object.fromEntries(days.map((x) => [x, cal.isWorkingDay(d(x))]))).toEqual({
      '2024-04-27': false, '2024-04-28': true, '2024-04-29': true, '2024-04-30': true,
      '2024-05-01': false, '2024-05-02': false, '2024-05-03': false, '2024-05-04': false, '2024-05-05': false,
      '2024-05-06': true, '2024-05-10': true, '2024-05-11': true, '2024-05-12': false, '2024-05-13': true,
    });
    expect(cal.kindOf(d('2024-05-11'))).toBe('makeup-workday');
    expect(cal.kindOf(d('2024-05-01'))).toBe('holiday');
    expect(cal.kindOf(d('2024-05-12'))).toBe('weekend');
    expect(cal.kindOf(d('2024-05-13'))).toBe('workday');
  });

  it('any time of the day counts as that day', () => {
    expect(cal.isWorkingDay(wall(2024, 5, 11, 23, 59, 59))).toBe(true);
    expect(cal.isWorkingDay(wall(2024, 5, 12, 0, 0, 0))).toBe(false);
  });

  it('next_working_day is strictly after the date and returns 00:00', () => {
    const next = (x: string) => formatWall(cal.nextWorkingDay(d(x)));
    expect(next('2024-04-30')).toBe('2024-05-06T00:00:00');
    expect(next('2024-05-03')).toBe('2024-05-06T00:00:00');
    expect(next('2024-05-06')).toBe('2024-05-07T00:00:00');
    expect(next('2024-05-10')).toBe('2024-05-11T00:00:00');
    expect(next('2024-05-11')).toBe('2024-05-13T00:00:00');
    expect(next('2024-04-26')).toBe('2024-04-28T00:00:00');
    expect(formatWall(cal.nextWorkingDay(wall(2024, 5, 10, 18, 30)))).toBe('2024-05-11T00:00:00');
  });

  it('year boundary: 31 Dec 2024 → 2 Jan 2025', () => {
    expect(cal.isWorkingDay(d('2024-12-31'))).toBe(true);
    expect(cal.isWorkingDay(d('2025-01-01'))).toBe(false);
    expect(formatDate(cal.nextWorkingDay(d('2024-12-31')))).toBe('2025-01-02');
    expect(formatDate(cal.previousWorkingDay(d('2025-01-02')))).toBe('2024-12-31');
  });

  it('last working day on or before, first on or after', () => {
    expect(formatDate(cal.lastWorkingDayOnOrBefore(d('2024-05-03')))).toBe('2024-04-30');
    expect(formatDate(cal.lastWorkingDayOnOrBefore(d('2024-05-10')))).toBe('2024-05-10');
    expect(formatDate(cal.lastWorkingDayOnOrBefore(d('2024-04-05')))).toBe('2024-04-03');
    expect(formatDate(cal.firstWorkingDayOnOrAfter(d('2024-05-01')))).toBe('2024-05-06');
    expect(formatDate(cal.firstWorkingDayOnOrAfter(d('2024-05-06')))).toBe('2024-05-06');
  });

  it('Spring Festival 2024: 10–17 Feb off, Sunday 4 and 18 Feb working', () => {
    expect(cal.isWorkingDay(d('2024-02-04'))).toBe(true);
    expect(cal.isWorkingDay(d('2024-02-09'))).toBe(true);
    expect(cal.isWorkingDay(d('2024-02-16'))).toBe(false);
    expect(cal.isWorkingDay(d('2024-02-18'))).toBe(true);
    expect(formatDate(cal.nextWorkingDay(d('2024-02-09')))).toBe('2024-02-18');
  });

  it('memoised lookups give the same answers, and outside the cached range too', () => {
    for (let i = 0; i < 3; i++) {
      expect(cal.isWorkingDay(d('2024-05-11'))).toBe(true);
      expect(formatDate(cal.nextWorkingDay(d('2024-05-11')))).toBe('2024-05-13');
    }
    expect(cal.isWorkingDay(wall(1969, 12, 31))).toBe(true); // a Wednesday before 1970
    expect(cal.isWorkingDay(wall(2200, 1, 4))).toBe(false); // a Saturday beyond the memo tables
  });

  it('does not depend on the process time zone (the package’s own lookups do, west of UTC)', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = createCalendar();
      expect(west.isWorkingDay(d('2024-05-06'))).toBe(true);
      expect(west.isWorkingDay(d('2024-05-11'))).toBe(true);
      expect(formatDate(west.nextWorkingDay(d('2024-05-10')))).toBe('2024-05-11');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('covers the years of the package’s data', () => {
    expect(STATUTORY_YEARS.from).toBeLessThanOrEqual(2024);
    expect(STATUTORY_YEARS.to).toBeGreaterThanOrEqual(2025);
  });
});

describe('company calendar file', () => {
  const company = createCalendar(
    parseCalendarText('holidays:\n  - 2024-05-06   # 公司团建\n  - "2024-05-07"\nworkdays:\n  - 2024-05-12\n  - 2024/5/4\n', 'company.yaml'),
  );

  it('adds holidays and working days', () => {
    expect(company.isWorkingDay(d('2024-05-06'))).toBe(false);
    expect(company.isWorkingDay(d('2024-05-07'))).toBe(false);
    expect(company.isWorkingDay(d('2024-05-12'))).toBe(true);
    expect(company.isWorkingDay(d('2024-05-04'))).toBe(true);
    expect(company.kindOf(d('2024-05-06'))).toBe('company-holiday');
    expect(company.kindOf(d('2024-05-12'))).toBe('company-workday');
    expect(formatDate(company.nextWorkingDay(d('2024-05-05')))).toBe('2024-05-08');
    expect(formatDate(company.nextWorkingDay(d('2024-05-03')))).toBe('2024-05-04');
    expect(formatDate(company.nextWorkingDay(d('2024-05-11')))).toBe('2024-05-12');
    // The default calendar is not affected.
    expect(cal.isWorkingDay(d('2024-05-06'))).toBe(true);
  });

  it('an empty file adds nothing', () => {
    expect(parseCalendarText('', 'empty.yaml')).toEqual({ file: 'empty.yaml', holidays: [], workdays: [] });
    expect(parseCalendarText('holidays:\nworkdays: []\n', 'x.yaml').holidays).toEqual([]);
  });

  it('loads from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecops-cal-'));
    const file = join(dir, 'calendar.yaml');
    writeFileSync(file, '\uFEFFholidays: [2024-05-06]\n');
    expect(loadCalendarFile(file).holidays.map(formatDate)).toEqual(['2024-05-06']);
  });

  const failure = (text: string) => {
    try {
      parseCalendarText(text, 'company.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigFileError);
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).exitCode).toBe(2);
      return (e as ConfigFileError).text;
    }
    throw new Error('no error');
  };

  it('a bad date names the file and the line, in both languages', () => {
    const text = failure('holidays:\n  - 2024-05-06\n  - 2024-13-01\nworkdays:\n  - 明天\n');
    expect(text.zh).toBe('日历文件 company.yaml 第 3 行 holidays[1]："2024-13-01" 不是有效日期（应为 YYYY-MM-DD）\n日历文件 company.yaml 第 5 行 workdays[0]："明天" 不是有效日期（应为 YYYY-MM-DD）');
    expect(text.en).toContain('calendar file company.yaml line 3, holidays[1]: "2024-13-01" is not a valid date (use YYYY-MM-DD)');
  });

  it('unknown keys, a date in both lists, a list that is not a list, bad YAML', () => {
    expect(failure('holiday: [2024-05-06]\n').zh).toContain('第 1 行 holiday：未知的键 holiday');
    expect(failure('holidays: [2024-05-06]\nworkdays:\n  - 2024-05-06\n').zh).toContain('第 3 行 workdays[0]：2024-05-06 同时列在 holidays 和 workdays 中（另见第 1 行）');
    expect(failure('holidays: 2024-05-06\n').zh).toContain('第 1 行 holidays：应为日期列表');
    expect(failure('holidays: [2024-05-06\n').zh).toMatch(/第 \d 行：YAML 格式错误/);
    expect(failure('- 2024-05-06\n').en).toContain('expected a mapping');
    expect(failure('holidays: [2024-05-06 10:00]\n').zh).toContain('不是有效日期');
  });

  it('a missing file is a usage error naming it', () => {
    expect(() => loadCalendarFile('/nonexistent/calendar.yaml')).toThrow(/calendar file \/nonexistent\/calendar.yaml: file not found/);
  });
});
