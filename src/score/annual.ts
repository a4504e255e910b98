/**
 * The annual assessment: every month of a year that the logs cover is scored as `score` would score it, the
 * other months come from the assessments saved in the history folder, and each person's year is summed up:
 * the mean of the months assessed, months failed, grade and bonus coefficient, the longest run of good months,
 * and the 服务之星.
 *
 * The logs are read once for the whole year: the consultations (a big shop has a million a month) stream
 * through one pass per month, each row only to the months whose assessment it can change.
 */
import { createCalendar, type Calendar, type CalendarOverrides } from '../calendar/calendar.js';
import { UsageError, type Issue, type Source } from '../core/issues.js';
import type { Bilingual, Lang } from '../core/lang.js';
import { endOfDay, nowWall, SECOND, type Wall } from '../core/time.js';
import type { Consultation, LogKey, Records, Return, Shipment } from '../logs/declarations.js';
import { LineTable, type Lines } from '../logs/lines.js';
import { RowHashes, rowHash } from '../logs/load.js';
import type { ConsultationPart, ConsultationSink } from '../logs/sink.js';
import type { Grade, Regulation } from '../regulation/types.js';
import { belongsTo, endOfNextWorkingDay } from '../rules/support.js';
import { ConsultationPass, kpiLimits, type ConsultationPartial, type ConsultationSummary } from './consultations.js';
import type { SavedAssessment } from './history.js';
import { sumCounts, teamKpi, withRates, type Kpi, type KpiCounts } from './kpis.js';
import type { PassSpec } from './passes.js';
import { scoreMonth, type ScoreResult } from './score.js';
import { compareNames } from '../core/collections.js';
import { collectGarbage } from '../core/memory.js';

export interface YearOptions {
  regulation: Regulation;
  calendar: Calendar;
  year: number;
}

const MONTHS = 12;
const monthLabel = (year: number, i: number) => `${year}-${String(i + 1).padStart(2, '0')}`;

export function yearOption(text: string | number | undefined): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1900 || year > 9999 || !/^\s*\d{4}\s*$/.test(String(text ?? ''))) {
    throw new UsageError({ zh: `年份「${text ?? ''}」不对，应为四位数字，如 2024`, en: `year "${text ?? ''}" is not a year such as 2024` });
  }
  return year;
}

/** The options of a year's pass as plain data, for a worker thread to build the same pass. */
export type YearPassOptions = Omit<YearOptions, 'calendar'> & { calendar: CalendarOverrides; now: Wall };

/** How a worker thread builds the pass (src/score/passes.ts). */
export const yearPass = (options: YearPassOptions): YearPass => new YearPass({ ...options, calendar: createCalendar(options.calendar) }, options.now);

/** A file's part as plain data: each month's part, by month index, and the consultations received per month. */
export interface YearPartial {
  months: [number, ConsultationPartial][];
  received: number[];
}

/**
 * One consultation pass per month of the year. A consultation can change the months from the one it was received
 * in to the one of its latest deadline (the follow-up's, 23:59:59 of the working day after the day it belongs to;
 * the message's and the daily report's fall before it), so it goes to those months' passes only: as if each month
 * were scored over all the logs, for little more than one pass's work.
 */
export class YearPass implements ConsultationSink<YearPartial> {
  readonly spec: PassSpec<'year'>;
  /** Each month's pass; undefined once `take` has handed it over to be scored. */
  readonly passes: (ConsultationPass | undefined)[];
  /** Consultations received in each month of the year (a month with any has data). */
  readonly received: number[] = new Array(MONTHS).fill(0);
  private readonly reach: (t: Wall) => Wall;
  private readonly year: number;

  /** `now`: the passes run up to it; each month's as-of (where the data ends) is known only after reading, as in score. */
  constructor(options: YearOptions, now: Wall = nowWall()) {
    const { regulation, calendar, year } = options;
    this.year = year;
    this.spec = { pass: 'year', options: { regulation, calendar: calendar.overrides, year, now } };
    this.passes = Array.from({ length: MONTHS }, (_, i) => new ConsultationPass({ regulation, calendar, month: monthLabel(year, i), asOf: now, asOfBound: true }));
    const cutoff = regulation.hours.eveningCutoff;
    this.reach = (t) => endOfDay(calendar.nextWorkingDay(belongsTo(calendar, cutoff, t)));
  }

  /** Month index in the year of t: < 0 before it, ≥ 12 after it. */
  private monthIndex(t: Wall): number {
    const d = new Date(t);
    return (d.getUTCFullYear() - this.year) * MONTHS + d.getUTCMonth();
  }

  part(): ConsultationPart<YearPartial> {
    const parts = new Map<number, ConsultationPart<ConsultationPartial>>();
    const received: number[] = new Array(MONTHS).fill(0);
    return {
      add: (c: Consultation) => {
        const first = this.monthIndex(c.received_at);
        if (first >= MONTHS) return;
        if (first >= 0) received[first]++;
        const last = Math.min(MONTHS - 1, this.monthIndex(this.reach(c.received_at)));
        for (let i = Math.max(0, first); i <= last; i++) {
          let p = parts.get(i);
          if (!p) parts.set(i, (p = this.passes[i]!.part()));
          p.add(c);
        }
      },
      done: () => ({ months: [...parts].map(([i, p]) => [i, p.done()]), received }),
    };
  }

  merge(part: YearPartial): void {
    for (const [i, d] of part.months) this.passes[i]!.merge(d);
    part.received.forEach((n, i) => (this.received[i] += n));
  }

  exclude(names: ReadonlySet<string>): void {
    for (const p of this.passes) p?.exclude(names);
  }

  /**
   * Month i's consultations summed up, to be scored once: the pass is let go with it, so that the year's violations
   * (the largest thing held after reading) go month by month as the months are scored.
   */
  take(i: number): ConsultationSummary {
    const pass = this.passes[i];
    if (!pass) throw new Error(`YearPass: month ${i + 1} was taken already`);
    this.passes[i] = undefined;
    return pass.summary();
  }
}

/** The column whose date places a row of each assessed log in a month (the consultations are counted by YearPass). */
const DATED: { [K in keyof Records]?: keyof Records[K][number] & string } = {
  presence: 'left_at',
  reports: 'period',
  shipments: 'completed_at',
  returns: 'requested_at',
  listings: 'notified_at',
  meetings: 'meeting_at',
  incidents: 'date',
};

/** The months of the year (`YYYY-MM`) in which any assessed log has a row (in `records`, or held in `lines`). */
export function monthsWithData(records: Records, lines: Lines, pass: YearPass, year: number): Set<string> {
  const out = new Set<string>();
  pass.received.forEach((n, i) => n > 0 && out.add(monthLabel(year, i)));
  for (const [log, column] of Object.entries(DATED) as [keyof Records, string][]) {
    const table = lines[log] as LineTable | undefined;
    const rows = records[log] as unknown as Record<string, Wall>[];
    const dateOf = table ? (table.value(column as never) as (i: number) => Wall) : (i: number) => rows[i][column];
    for (let i = 0, n = table?.length ?? rows.length; i < n; i++) {
      const d = new Date(dateOf(i));
      if (d.getUTCFullYear() === year) out.add(monthLabel(year, d.getUTCMonth()));
    }
  }
  return out;
}

/** One person's year. */
export interface AnnualStaff {
  name: string;
  role: string;
  /** Score of each month assessed (`YYYY-MM` → score), in month order. */
  months: Record<string, number>;
  assessed: number;
  /** Mean of the months' scores, half-up to 0.01. */
  annualScore: number;
  /** The months failed (score below the pass mark). */
  failedMonths: string[];
  grade: string;
  bonus: number;
  /** Longest run of consecutive assessed months scoring at least `annual.streak_score`. */
  bestStreak: number;
  /** Points deducted over the year, and 差评 received: the 服务之星's tie-breaks. */
  deducted: number;
  badReviews: number;
}

export type MonthSource = 'data' | 'saved';

export interface AnnualResult {
  year: number;
  passMark: number;
  streakScore: number;
  grades: readonly Grade[];
  /** Where each month's assessment came from; absent: no logs and no saved assessment. */
  sources: Record<string, MonthSource>;
  /** Months scored from logs that do not cover them yet (as `score` says: 考核为暂定). */
  provisional: string[];
  staff: AnnualStaff[];
  stars: { title: Bilingual; name: string }[];
  /** The months scored from the logs, in month order. */
  scored: MonthScore[];
  /** Each person's KPIs over the months assessed (counts summed, rates recomputed), and the team's. */
  kpis: Kpi[];
  teamKpi: Kpi;
  issues: Issue[];
}

/** What the year keeps of a month scored from the logs (its violations and lists are let go once summed up). */
export type MonthScore = Pick<ScoreResult, 'month' | 'asOf' | 'staff' | 'kpis' | 'coverage'>;

const cents = (n: number) => Math.round(n * 100);

/** A month assessed: [start, end] as of `asOf`. */
interface MonthWindow {
  start: Wall;
  end: Wall;
  asOf: Wall;
}

/**
 * Each month's rows of a table held column by column: a bit per month marks the rows that month can see, and a
 * month's rows are made as records only while it is scored (`windows`: by month index, undefined for one not scored).
 */
function rowsByMonth<T extends { source: Source }>(rows: LineTable<T>, windows: readonly (MonthWindow | undefined)[], sees: (row: number, w: MonthWindow) => boolean): (month: number) => T[] {
  const months = new Uint16Array(rows.length);
  for (const [k, w] of windows.entries()) {
    if (w) for (let i = 0; i < rows.length; i++) if (sees(i, w)) months[i] |= 1 << k;
  }
  return (k) => {
    const out: T[] = [];
    for (let i = 0; i < rows.length; i++) if (months[i] & (1 << k)) out.push(rows.at(i));
    return out;
  };
}

/**
 * The shipment rows each month's scoring needs, so that a year's orders are grouped (ordersOf) one month at a
 * time instead of all at once. A month [start, end] assessed as of `asOf` sees an order (CS-AFTER-1, CS-AFTER-3,
 * 订单发货及时率, the unshipped list) only when it completed by `end` and either its shipping deadline is not
 * before min(start, asOf) or it was not fully shipped by the end of the month before. Orders are kept whole and
 * rows in their order, so each month's orders are those of the whole year's rows that it can see.
 */
function shipmentsByMonth(rows: LineTable<Shipment>, calendar: Calendar, windows: readonly (MonthWindow | undefined)[]): (month: number) => Shipment[] {
  const { orderOf, orders } = ordersOfLines(rows);
  // Per order, as ordersOf computes them: the latest completion, and the latest shipment (NaN: a row not shipped).
  const completed = new Float64Array(orders).fill(-Infinity);
  const shipped = new Float64Array(orders).fill(-Infinity);
  const completedAt = rows.value('completed_at');
  const shippedAt = rows.value('shipped_at');
  for (let i = 0; i < rows.length; i++) {
    const o = orderOf[i];
    const c = completedAt(i);
    const s = shippedAt(i);
    if (c > completed[o]) completed[o] = c;
    if (s === undefined) shipped[o] = NaN;
    else if (s > shipped[o]) shipped[o] = s;
  }
  const deadline = completed.map((t) => endOfNextWorkingDay(calendar, t));
  return rowsByMonth(rows, windows, (i, { start, end, asOf }) => {
    const o = orderOf[i];
    return completed[o] <= end && (deadline[o] >= Math.min(start, asOf) || !(shipped[o] <= start - SECOND));
  });
}

/**
 * Each row's order, numbered from 0: rows are grouped by a hash of their order number (a table of typed arrays, no
 * map of millions of strings), and a row whose hash an earlier order number took is told apart by its text.
 */
function ordersOfLines(rows: LineTable<Shipment>): { orderOf: Int32Array; orders: number } {
  const idOf = rows.value('order_id');
  const firsts = new RowHashes(rows.length); // hash of an order number → the order's first row
  const others = new Map<string, number>(); // order numbers whose hash another number had first
  const orderOf = new Int32Array(rows.length);
  const one: unknown[] = [undefined];
  let orders = 0;
  for (let i = 0; i < rows.length; i++) {
    const id = (one[0] = idOf(i));
    const h = rowHash(one);
    const first = firsts.get(h);
    if (first === undefined) {
      firsts.set(h, i);
      orderOf[i] = orders++;
    } else if (idOf(first) === id) {
      orderOf[i] = orderOf[first];
    } else {
      let o = others.get(id);
      if (o === undefined) others.set(id, (o = orders++));
      orderOf[i] = o;
    }
  }
  return { orderOf, orders };
}

/**
 * The return rows a month can see: CS-AFTER-2 charges a request whose deadline falls in [start, min(end, asOf)]
 * and lists it open when received by then with its deadline after asOf; others cannot change the month.
 */
function returnsByMonth(rows: LineTable<Return>, calendar: Calendar, windows: readonly (MonthWindow | undefined)[]): (month: number) => Return[] {
  const requestedAt = rows.value('requested_at');
  const requested = Float64Array.from({ length: rows.length }, (_, i) => requestedAt(i));
  const deadline = requested.map((t) => endOfNextWorkingDay(calendar, t));
  return rowsByMonth(rows, windows, (i, { start, end, asOf }) => requested[i] <= end && deadline[i] >= Math.min(start, asOf));
}

/** Mean of scores in cents, half-up to the cent (scores are never negative). */
export function meanHalfUp(scores: readonly number[]): number {
  const sum = scores.reduce((s, x) => s + cents(x), 0);
  return Math.floor((2 * sum + scores.length) / (2 * scores.length)) / 100;
}

export function gradeOf(score: number, grades: readonly Grade[]): Grade {
  return grades.find((g) => cents(score) >= cents(g.min)) ?? grades[grades.length - 1];
}

/** Longest run of consecutive entries at or above `min` (scores in month order). */
export function longestRun(scores: readonly number[], min: number): number {
  let best = 0;
  let run = 0;
  for (const s of scores) {
    run = cents(s) >= cents(min) ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

export const STAR_TITLE: Bilingual = { zh: '服务之星', en: 'Service Star' };

/**
 * Scores the months the logs cover (one ScoreResult each), and takes the other months from `saved`. `options.lines`:
 * the logs the loader held column by column (`LoadOptions.compact`); their `records` are then empty.
 */
export function assessYear(
  records: Records,
  pass: YearPass,
  saved: readonly SavedAssessment[],
  options: YearOptions & { dataEnds?: Wall; logsPresent?: ReadonlySet<LogKey>; now?: Wall; lines?: Lines },
): AnnualResult {
  const { regulation, calendar, year, dataEnds, logsPresent } = options;
  const now = options.now ?? nowWall();
  const provisional: string[] = [];
  const lines = options.lines ?? {};
  const withData = monthsWithData(records, lines, pass, year);
  const savedByMonth = new Map(saved.filter((s) => s.month.startsWith(`${year}-`)).map((s) => [s.month, s]));
  const sources: Record<string, MonthSource> = {};
  const scored: MonthScore[] = [];
  /** Per month in order: each person's score, passed, deducted, 差评, role. */
  const months: { month: string; rows: { name: string; role?: string; score: number; passed: boolean; deducted: number; badReviews: number }[] }[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const counts = new Map<string, KpiCounts[]>();
  // As score does without --as-of: each month up to where the data ends (never later than now).
  const windows = Array.from({ length: MONTHS }, (_, i): MonthWindow | undefined => {
    if (!withData.has(monthLabel(year, i))) return undefined;
    const end = Date.UTC(year, i + 1, 1) - 1000;
    return { start: Date.UTC(year, i, 1), end, asOf: Math.min(now, dataEnds ?? end) };
  });
  collectGarbage(); // the reading's
  // The lines as the loader held them for `annual` (column by column), or as records (tests, the API's callers).
  const shipmentsOf = shipmentsByMonth(lines.shipments ?? LineTable.of('shipments', records.shipments), calendar, windows);
  const returnsOf = returnsByMonth(lines.returns ?? LineTable.of('returns', records.returns), calendar, windows);
  const addCounts = (name: string, c: KpiCounts) => {
    const list = counts.get(name);
    if (list) list.push(c);
    else counts.set(name, [c]);
  };
  // A month's records and whole result live in this call only, so that they are let go before the next month's are
  // made (a loop body's variables would hold them until overwritten).
  const scoreFromLogs = (i: number, { asOf }: MonthWindow): MonthScore & Pick<ScoreResult, 'issues'> => {
    collectGarbage(); // the month before's, and the grouping of the year's orders
    const visible = { ...records, shipments: shipmentsOf(i), returns: returnsOf(i) };
    const r = scoreMonth(visible, { regulation, calendar, month: monthLabel(year, i), asOf, dataEnds, logsPresent, consultations: pass.take(i) });
    return { month: r.month, asOf: r.asOf, staff: r.staff, kpis: r.kpis, coverage: r.coverage, issues: r.issues };
  };
  for (let i = 0; i < MONTHS; i++) {
    const month = monthLabel(year, i);
    const window = windows[i];
    if (window) {
      const { issues: found, ...r } = scoreFromLogs(i, window);
      sources[month] = 'data';
      if (r.coverage.provisional) provisional.push(month);
      scored.push(r);
      const bad = new Map(r.kpis.map((k) => [k.staff, k.badReviews]));
      for (const k of r.kpis) addCounts(k.staff, k);
      months.push({ month, rows: r.staff.map((s) => ({ name: s.name, role: s.role, score: s.score, passed: s.passed, deducted: s.deducted, badReviews: bad.get(s.name) ?? 0 })) });
      for (const issue of found) {
        // Each month's pass may find the same row's problem: list it once.
        const key = `${issue.file}\u0000${issue.sheet ?? ''}\u0000${issue.row ?? ''}\u0000${issue.code}\u0000${issue.message.en}`;
        if (seen.has(key)) continue;
        seen.add(key);
        issues.push(issue);
      }
    } else {
      const s = savedByMonth.get(month);
      if (!s) continue;
      sources[month] = 'saved';
      for (const [name, k] of s.kpis) addCounts(name, k as unknown as KpiCounts);
      months.push({
        month,
        rows: s.staff.flatMap((p) =>
          p.score === undefined ? [] : [{ name: p.name, role: p.role, score: p.score, passed: p.passed, deducted: p.deducted ?? regulation.baseScore - p.score, badReviews: s.badReviews.get(p.name) ?? 0 }],
        ),
      });
    }
  }

  const people = new Map<string, AnnualStaff & { scores: number[] }>();
  for (const { month, rows } of months) {
    for (const row of rows) {
      let p = people.get(row.name);
      if (!p) {
        p = { name: row.name, role: '', months: {}, assessed: 0, annualScore: 0, failedMonths: [], grade: '', bonus: 0, bestStreak: 0, deducted: 0, badReviews: 0, scores: [] };
        people.set(row.name, p);
      }
      if (row.role) p.role = row.role; // the latest month's role
      p.months[month] = row.score;
      p.scores.push(row.score);
      if (!row.passed) p.failedMonths.push(month);
      p.deducted = (cents(p.deducted) + cents(row.deducted)) / 100;
      p.badReviews += row.badReviews;
    }
  }
  const { grades, streakScore } = regulation.annual;
  const staffOrder = new Map(records.staff.map((s, i) => [s.name, i]));
  const staff: AnnualStaff[] = [...people.values()]
    .map(({ scores, ...p }) => {
      const listed = records.staff.find((s) => s.name === p.name);
      const annualScore = meanHalfUp(scores);
      const grade = gradeOf(annualScore, grades);
      return { ...p, role: listed?.role ?? p.role, assessed: scores.length, annualScore, grade: grade.grade, bonus: grade.bonus, bestStreak: longestRun(scores, streakScore) };
    })
    .sort((a, b) => (staffOrder.get(a.name) ?? Infinity) - (staffOrder.get(b.name) ?? Infinity) || compareNames(a.name, b.name));

  const limits = kpiLimits(regulation);
  const order = (name: string) => staff.findIndex((s) => s.name === name);
  const kpis = [...counts]
    .map(([name, list]) => withRates(name, sumCounts(list), limits))
    .sort((a, b) => (order(a.staff) + 1 || Infinity) - (order(b.staff) + 1 || Infinity) || compareNames(a.staff, b.staff));
  return { year, passMark: regulation.passMark, streakScore, grades, sources, provisional, staff, stars: stars(staff), scored, kpis, teamKpi: teamKpi(kpis, regulation), issues };
}

/**
 * 服务之星: the 客服 with the highest annual score among those who failed no month; ties go to fewer points
 * deducted over the year, then fewer 差评; people still tied share the title.
 */
function stars(staff: readonly AnnualStaff[]): AnnualResult['stars'] {
  const candidates = staff.filter((s) => s.role === '客服' && s.assessed > 0 && s.failedMonths.length === 0);
  const key = (s: AnnualStaff) => [-s.annualScore, s.deducted, s.badReviews];
  const compare = (a: AnnualStaff, b: AnnualStaff) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  const sorted = [...candidates].sort(compare);
  return sorted.filter((s) => compare(s, sorted[0]) === 0).map((s) => ({ title: STAR_TITLE, name: s.name }));
}

/** The JSON of `ecops annual --json`. */
export function annualToJson(r: AnnualResult, lang: Lang) {
  return {
    year: r.year,
    sources: r.sources,
    provisional: r.provisional,
    staff: r.staff.map(({ name, role, months, assessed, annualScore, failedMonths, grade, bonus, bestStreak }) => ({
      name, role, months, assessed, annualScore, failedMonths, grade, bonus, bestStreak,
    })),
    stars: r.stars.map((s) => ({ title: s.title[lang], name: s.name })),
    kpis: r.kpis,
    teamKpi: r.teamKpi,
  };
}

/** `YYYY-MM` labels of the year. */
export const monthsOf = (year: number) => Array.from({ length: MONTHS }, (_, i) => monthLabel(year, i));
