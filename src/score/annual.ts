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
import { UsageError, type Issue } from '../core/issues.js';
import type { Bilingual, Lang } from '../core/lang.js';
import { endOfDay, nowWall, SECOND, type Wall } from '../core/time.js';
import type { Consultation, LogKey, Records, Shipment } from '../logs/declarations.js';
import type { ConsultationPart, ConsultationSink } from '../logs/sink.js';
import type { Grade, Regulation } from '../regulation/types.js';
import { belongsTo, endOfNextWorkingDay } from '../rules/support.js';
import { ConsultationPass, type ConsultationPartial } from './consultations.js';
import type { SavedAssessment } from './history.js';
import { sumCounts, teamKpi, withRates, type Kpi, type KpiCounts } from './kpis.js';
import { kpiLimits } from './consultations.js';
import type { PassSpec } from './passes.js';
import { scoreMonth, type ScoreResult } from './score.js';
import { compareNames } from '../core/collections.js';

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
  readonly passes: ConsultationPass[];
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
          if (!p) parts.set(i, (p = this.passes[i].part()));
          p.add(c);
        }
      },
      done: () => ({ months: [...parts].map(([i, p]) => [i, p.done()]), received }),
    };
  }

  merge(part: YearPartial): void {
    for (const [i, d] of part.months) this.passes[i].merge(d);
    part.received.forEach((n, i) => (this.received[i] += n));
  }

  exclude(names: ReadonlySet<string>): void {
    for (const p of this.passes) p.exclude(names);
  }
}

/** The date that places a row of each assessed log in a month (the consultations are counted by YearPass). */
const DATED: { [K in keyof Records]?: (r: Records[K][number]) => Wall } = {
  presence: (r) => r.left_at,
  reports: (r) => r.period,
  shipments: (r) => r.completed_at,
  returns: (r) => r.requested_at,
  listings: (r) => r.notified_at,
  meetings: (r) => r.meeting_at,
  incidents: (r) => r.date,
};

/** The months of the year (`YYYY-MM`) in which any assessed log has a row. */
export function monthsWithData(records: Records, pass: YearPass, year: number): Set<string> {
  const out = new Set<string>();
  pass.received.forEach((n, i) => n > 0 && out.add(monthLabel(year, i)));
  for (const [log, dateOf] of Object.entries(DATED) as [keyof Records, (r: unknown) => Wall][]) {
    for (const r of records[log]) {
      const d = new Date(dateOf(r));
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

/**
 * The shipment rows each month's scoring needs, so that a year's orders are grouped (ordersOf) one month at a
 * time instead of all at once. A month [start, end] assessed as of `asOf` sees an order (CS-AFTER-1, CS-AFTER-3,
 * 订单发货及时率, the unshipped list) only when it completed by `end` and either its shipping deadline is not
 * before min(start, asOf) or it was not fully shipped by the end of the month before. Orders are kept whole and
 * rows in their order, so each month's orders are those of the whole year's rows that it can see.
 */
function shipmentsByMonth(rows: readonly Shipment[], calendar: Calendar): (start: Wall, end: Wall, asOf: Wall) => Shipment[] {
  const orderOf = new Int32Array(rows.length);
  // Per order, as ordersOf computes them: the latest completion, and the latest shipment (NaN: a row not shipped).
  const completed: number[] = [];
  const shipped: number[] = [];
  const index = new Map<string, number>();
  rows.forEach((r, i) => {
    let o = index.get(r.order_id);
    if (o === undefined) {
      o = completed.length;
      index.set(r.order_id, o);
      completed.push(-Infinity);
      shipped.push(-Infinity);
    }
    orderOf[i] = o;
    if (r.completed_at > completed[o]) completed[o] = r.completed_at;
    if (r.shipped_at === undefined) shipped[o] = NaN;
    else if (r.shipped_at > shipped[o]) shipped[o] = r.shipped_at;
  });
  const deadline = completed.map((t) => endOfNextWorkingDay(calendar, t));
  return (start, end, asOf) => {
    const from = Math.min(start, asOf);
    const backlog = start - SECOND;
    return rows.filter((_, i) => {
      const o = orderOf[i];
      return completed[o] <= end && (deadline[o] >= from || !(shipped[o] <= backlog));
    });
  };
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

/** Scores the months the logs cover (one ScoreResult each), and takes the other months from `saved`. */
export function assessYear(
  records: Records,
  pass: YearPass,
  saved: readonly SavedAssessment[],
  options: YearOptions & { dataEnds?: Wall; logsPresent?: ReadonlySet<LogKey>; now?: Wall },
): AnnualResult {
  const { regulation, calendar, year, dataEnds, logsPresent } = options;
  const now = options.now ?? nowWall();
  const provisional: string[] = [];
  const withData = monthsWithData(records, pass, year);
  const savedByMonth = new Map(saved.filter((s) => s.month.startsWith(`${year}-`)).map((s) => [s.month, s]));
  const sources: Record<string, MonthSource> = {};
  const scored: MonthScore[] = [];
  /** Per month in order: each person's score, passed, deducted, 差评, role. */
  const months: { month: string; rows: { name: string; role?: string; score: number; passed: boolean; deducted: number; badReviews: number }[] }[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const counts = new Map<string, KpiCounts[]>();
  const shipmentsOf = shipmentsByMonth(records.shipments, calendar);
  const addCounts = (name: string, c: KpiCounts) => {
    const list = counts.get(name);
    if (list) list.push(c);
    else counts.set(name, [c]);
  };
  for (let i = 0; i < MONTHS; i++) {
    const month = monthLabel(year, i);
    if (withData.has(month)) {
      // As score does without --as-of: up to where the data ends (never later than now).
      const end = Date.UTC(year, i + 1, 1) - 1000;
      const asOf = Math.min(now, dataEnds ?? end);
      const visible = { ...records, shipments: shipmentsOf(Date.UTC(year, i, 1), end, asOf) };
      const r = scoreMonth(visible, { regulation, calendar, month, asOf, dataEnds, logsPresent, consultations: pass.passes[i].summary() });
      sources[month] = 'data';
      if (r.coverage.provisional) provisional.push(month);
      scored.push({ month: r.month, asOf: r.asOf, staff: r.staff, kpis: r.kpis, coverage: r.coverage });
      const bad = new Map(r.kpis.map((k) => [k.staff, k.badReviews]));
      for (const k of r.kpis) addCounts(k.staff, k);
      months.push({ month, rows: r.staff.map((s) => ({ name: s.name, role: s.role, score: s.score, passed: s.passed, deducted: s.deducted, badReviews: bad.get(s.name) ?? 0 })) });
      for (const issue of r.issues) {
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
