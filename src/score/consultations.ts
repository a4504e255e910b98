/**
 * score's pass over the consultations: each row goes through the rules that read one consultation at a time
 * (meta.consultations = 'each-row') and into the KPI tallies as it is read, and only each person's first
 * consultation of each day is kept (for CS-DATA-1), so a month of a million consultations is never held.
 * The outcome is the same as over the whole month at once: violations are sorted and escalated afterwards.
 */
import type { Calendar } from '../calendar/calendar.js';
import { UsageError } from '../core/issues.js';
import { parseMonth, type Wall } from '../core/time.js';
import { LOG_KEYS, type Consultation, type Records } from '../logs/declarations.js';
import type { ConsultationSink } from '../logs/load.js';
import type { Points, Regulation } from '../regulation/types.js';
import { FirstOfDay } from '../rules/cs-data-1.js';
import { followUpDeadline } from '../rules/cs-follow-1.js';
import { isMessage, messageDeadline } from '../rules/cs-online-4.js';
import { firstReplySeconds } from '../rules/cs-reply-3.js';
import { getRule, runRule, StaffDirectory, type AnyRule, type RuleRun, type RunEnv } from '../rules/index.js';
import { belongsTo, inDayWindow } from '../rules/support.js';

export interface AssessmentOptions {
  regulation: Regulation;
  calendar: Calendar;
  /** `YYYY-MM`. */
  month: string;
  /** Default: the month's last instant. */
  asOf?: Wall;
}

/** The month assessed, as-of, and the window violations must be dated in: [month start, min(month end, as-of)]. */
export function assessedPeriod(options: AssessmentOptions) {
  const month = parseMonth(options.month);
  if (!month) {
    throw new UsageError({ zh: `月份「${options.month}」无效，应为 YYYY-MM`, en: `invalid month "${options.month}" (use YYYY-MM)` });
  }
  const asOf = options.asOf ?? month.end;
  return { month, asOf, window: { start: month.start, end: Math.min(month.end, asOf) } };
}

/** One person's consultation figures of 服务指标 (SPEC §5); score.ts adds the orders. */
export interface ConsultationKpi {
  /** Received in the window, every channel. */
  consultations: number;
  badReviews: number;
  /** Chats received within online hours with a first-reply time, their seconds summed, and those within the limit. */
  chats: number;
  replySeconds: number;
  repliesWithinLimit: number;
  /** Calls received within online hours, and those answered within the ring limit. */
  calls: number;
  callsWithinRings: number;
  /** Messages due in the window, and those handled by their deadline. */
  messages: number;
  messagesOnTime: number;
  /** Follow-ups due in the window, and those done by their deadline. */
  followUps: number;
  followUpsOnTime: number;
}

export interface ConsultationSummary {
  /** What each enabled each-row rule found, by rule code. */
  runs: ReadonlyMap<string, RuleRun>;
  kpis: ReadonlyMap<string, ConsultationKpi>;
  /** Each person's first consultation of each day (FirstOfDay): what the first-of-day rules read. */
  firstOfDay: Consultation[];
}

const CHUNK_ROWS = 4096;
const NO_RECORDS = Object.fromEntries(LOG_KEYS.map((k) => [k, []])) as unknown as Records;

/** What some rows add up to: one file's, or, merged, every file's read to its end. */
class Tally {
  readonly runs = new Map<string, RuleRun>();
  readonly kpis = new Map<string, ConsultationKpi>();
  readonly first: FirstOfDay;

  constructor(belongs: (t: Wall) => Wall) {
    this.first = new FirstOfDay(belongs);
  }

  kpiOf(staff: string): ConsultationKpi {
    let k = this.kpis.get(staff);
    if (!k) {
      k = { consultations: 0, badReviews: 0, chats: 0, replySeconds: 0, repliesWithinLimit: 0, calls: 0, callsWithinRings: 0, messages: 0, messagesOnTime: 0, followUps: 0, followUpsOnTime: 0 };
      this.kpis.set(staff, k);
    }
    return k;
  }

  addRun(code: string, run: RuleRun): void {
    const into = this.runs.get(code);
    if (!into) this.runs.set(code, run);
    else {
      into.violations.push(...run.violations);
      into.pending.push(...run.pending);
      into.issues.push(...run.issues);
    }
  }

  merge(other: Tally): void {
    for (const [code, run] of other.runs) this.addRun(code, run);
    for (const [staff, k] of other.kpis) {
      const into = this.kpiOf(staff) as unknown as Record<string, number>;
      for (const [key, n] of Object.entries(k)) into[key] += n;
    }
    for (const c of other.first.values()) this.first.add(c);
  }
}

export class ConsultationPass implements ConsultationSink {
  private readonly env: RunEnv;
  private readonly rules: { rule: AnyRule; code: string; params: Record<string, unknown>; points: Points }[] = [];
  private readonly belongs: (t: Wall) => Wall;
  private readonly inWindow: (t: Wall) => boolean;
  private readonly replyLimit: number;
  private readonly ringLimit: number;
  private readonly total: Tally;
  private part: Tally | undefined;
  private chunk: Consultation[] = [];
  private excluded: ReadonlySet<string> = new Set();

  constructor(private readonly options: AssessmentOptions) {
    const { regulation, calendar } = options;
    const { month, asOf, window } = assessedPeriod(options);
    this.inWindow = (t) => t >= window.start && t <= window.end;
    // Each-row rules read nothing but the row: no staff list, no other log.
    this.env = { records: NO_RECORDS, calendar, hours: regulation.hours, staff: new StaffDirectory([]), month, asOf };
    for (const setting of Object.values(regulation.rules)) {
      const rule = getRule(setting.code);
      if (rule?.meta.consultations === 'each-row' && setting.enabled) {
        this.rules.push({ rule, code: setting.code, params: setting.params, points: setting.points });
      }
    }
    this.belongs = (t) => belongsTo(calendar, regulation.hours.eveningCutoff, t);
    ({ replyLimit: this.replyLimit, ringLimit: this.ringLimit } = kpiLimits(regulation));
    this.total = new Tally(this.belongs);
  }

  /** The whole pass over consultations already in memory (rule tests, and scoreMonth without a streamed pass). */
  static over(consultations: Iterable<Consultation>, options: AssessmentOptions): ConsultationSummary {
    const pass = new ConsultationPass(options);
    pass.begin();
    for (const c of consultations) pass.add(c);
    pass.end(true);
    return pass.summary();
  }

  begin(): void {
    this.part = new Tally(this.belongs);
    this.chunk = [];
  }

  add(c: Consultation): void {
    const part = this.part!;
    this.tallyKpi(part, c);
    part.first.add(c);
    this.chunk.push(c);
    if (this.chunk.length >= CHUNK_ROWS) this.flush(part);
  }

  end(keep: boolean): void {
    if (keep && this.part) {
      this.flush(this.part);
      this.total.merge(this.part);
    }
    this.part = undefined;
    this.chunk = [];
  }

  exclude(names: ReadonlySet<string>): void {
    this.excluded = names;
  }

  /** Everything the rows read to the end add up to, without the staff names excluded as unknown. */
  summary(): ConsultationSummary {
    const keep = (x: { staff: string }) => !this.excluded.has(x.staff);
    const runs = new Map<string, RuleRun>();
    for (const { code } of this.rules) {
      const run = this.total.runs.get(code) ?? { violations: [], pending: [], issues: [] };
      runs.set(code, { violations: run.violations.filter(keep), pending: run.pending.filter(keep), issues: run.issues });
    }
    return {
      runs,
      kpis: new Map([...this.total.kpis].filter(([staff]) => !this.excluded.has(staff))),
      firstOfDay: [...this.total.first.values()].filter(keep),
    };
  }

  private flush(part: Tally): void {
    if (this.chunk.length === 0) return;
    const env = { ...this.env, records: { ...NO_RECORDS, consultations: this.chunk } };
    for (const { rule, code, params, points } of this.rules) part.addRun(code, runRule(rule, params, points, env));
    this.chunk = [];
  }

  private tallyKpi(part: Tally, c: Consultation): void {
    const { inWindow } = this;
    const { calendar, regulation } = this.options;
    const hours = regulation.hours;
    const ctx = { belongsTo: this.belongs, calendar, hours };
    if (inWindow(c.received_at)) {
      const k = part.kpiOf(c.staff);
      k.consultations++;
      if (c.rating === '差评') k.badReviews++;
      if (c.channel === '旺旺' && inDayWindow(c.received_at, hours.online)) {
        const secs = firstReplySeconds(c);
        if (secs !== undefined) {
          k.chats++;
          k.replySeconds += secs;
          if (secs <= this.replyLimit) k.repliesWithinLimit++;
        }
      } else if (c.channel === '电话' && inDayWindow(c.received_at, hours.online)) {
        k.calls++;
        if (c.answered && c.rings !== undefined && c.rings <= this.ringLimit) k.callsWithinRings++;
      }
    }
    if (isMessage(c)) {
      const deadline = messageDeadline(ctx, c.received_at);
      if (inWindow(deadline)) {
        const k = part.kpiOf(c.staff);
        k.messages++;
        if (c.handled_at !== undefined && c.handled_at <= deadline) k.messagesOnTime++;
      }
    }
    if (c.needs_follow_up) {
      const deadline = followUpDeadline(ctx, c.received_at);
      if (inWindow(deadline)) {
        const k = part.kpiOf(c.staff);
        k.followUps++;
        if (c.follow_up_at !== undefined && c.follow_up_at <= deadline) k.followUpsOnTime++;
      }
    }
  }
}

/** The limits 服务指标 measures against: CS-REPLY-3's and CS-REPLY-4's parameters. */
export function kpiLimits(regulation: Regulation) {
  return {
    replyLimit: Number(regulation.rules['CS-REPLY-3']?.params.max_seconds ?? 45),
    ringLimit: Number(regulation.rules['CS-REPLY-4']?.params.max_rings ?? 10),
  };
}
