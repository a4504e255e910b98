/**
 * score's pass over the consultations: each row goes through the rules that read one consultation at a time
 * (meta.consultations = 'each-row') and into the KPI tallies as it is read, and only each person's first
 * consultation of each day is kept (for CS-DATA-1), so a month of a million consultations is never held.
 * The outcome is the same as over the whole month at once: violations are sorted and escalated afterwards.
 */
import { createCalendar, type Calendar, type CalendarOverrides } from '../calendar/calendar.js';
import { sharing } from '../core/collections.js';
import { requireMonth, type Wall } from '../core/time.js';
import { emptyRecords, type Consultation } from '../logs/declarations.js';
import type { ConsultationPart, ConsultationSink } from '../logs/sink.js';
import type { Points, Regulation } from '../regulation/types.js';
import type { PassSpec } from './passes.js';
import { FirstOfDay } from '../rules/cs-data-1.js';
import { followUpDeadline } from '../rules/cs-follow-1.js';
import { isMessage, messageDeadline } from '../rules/cs-online-4.js';
import { firstReplySeconds } from '../rules/cs-reply-3.js';
import { getRule, runRule, StaffDirectory, type AnyRule, type PendingItem, type RuleContext, type RuleRun, type RunEnv, type Violation } from '../rules/index.js';
import { belongsTo, inDayWindow } from '../rules/support.js';

export interface AssessmentOptions {
  regulation: Regulation;
  calendar: Calendar;
  /** `YYYY-MM`. */
  month: string;
  /** Default: the month's last instant. Violations dated after it are left out; open items due after it are pending. */
  asOf?: Wall;
  /** `asOf` is an upper bound, the real as-of not known yet (RunEnv.asOfBound): score's streamed pass. */
  asOfBound?: boolean;
}

/** The month assessed, as-of, and the window violations must be dated in: [month start, min(month end, as-of)]. */
export function assessedPeriod(options: AssessmentOptions) {
  const month = requireMonth(options.month);
  const asOf = options.asOf ?? month.end;
  return { month, asOf, window: { start: month.start, end: Math.min(month.end, asOf) } };
}

/** One person's consultation counts of 服务指标 (kpis.ts adds the orders and the rates). */
export interface ConsultationKpi {
  /** Received in the window, every channel. */
  consultations: number;
  /** Ratings of the consultations received in the window. */
  goodReviews: number;
  neutralReviews: number;
  badReviews: number;
  /** Chats received within online hours with a first-reply time, their seconds summed, and those within the limit. */
  chats: number;
  replySeconds: number;
  repliesWithinLimit: number;
  /** Every chat with a first-reply time, at any hour, and their seconds summed. */
  allChats: number;
  allReplySeconds: number;
  /** Calls received within online hours, those answered, and those answered within the ring limit. */
  calls: number;
  callsAnswered: number;
  callsWithinRings: number;
  /** Messages due in the window, and those handled by their deadline. */
  messages: number;
  messagesOnTime: number;
  /** Follow-ups due in the window, and those done by their deadline. */
  followUps: number;
  followUpsOnTime: number;
  /** Received in the window and needing handling (a message, or 需回访), and of them those handled by the window's end. */
  needHandling: number;
  handled: number;
}

export interface ConsultationSummary {
  /** What each enabled each-row rule found, by rule code. */
  runs: ReadonlyMap<string, RuleRun>;
  kpis: ReadonlyMap<string, ConsultationKpi>;
  /** Each person's first consultation of each day (FirstOfDay): what the first-of-day rules read. */
  firstOfDay: Consultation[];
}

const CHUNK_ROWS = 256;
const NO_RECORDS = emptyRecords();

/** What a file's consultations add up to, as plain data (it may come from a worker thread). */
export interface ConsultationPartial {
  runs: Map<string, RuleRun>;
  kpis: Map<string, ConsultationKpi>;
  firstOfDay: Consultation[];
}

export const zeroKpi = (): ConsultationKpi => ({
  consultations: 0, goodReviews: 0, neutralReviews: 0, badReviews: 0, chats: 0, replySeconds: 0, repliesWithinLimit: 0,
  allChats: 0, allReplySeconds: 0, calls: 0, callsAnswered: 0, callsWithinRings: 0, messages: 0, messagesOnTime: 0,
  followUps: 0, followUpsOnTime: 0, needHandling: 0, handled: 0,
});

function kpiOf(kpis: Map<string, ConsultationKpi>, staff: string): ConsultationKpi {
  let k = kpis.get(staff);
  if (!k) kpis.set(staff, (k = zeroKpi()));
  return k;
}

function addRun(runs: Map<string, RuleRun>, code: string, run: RuleRun): void {
  const into = runs.get(code);
  if (!into) return void runs.set(code, run);
  for (const v of run.violations) into.violations.push(v);
  for (const p of run.pending) into.pending.push(p);
  for (const i of run.issues) into.issues.push(i);
}

/** The options of a pass as plain data (the calendar as its overrides), for a worker thread to build the same pass. */
export type MonthPassOptions = Omit<AssessmentOptions, 'calendar'> & { calendar: CalendarOverrides };

/** How a worker thread builds the pass (src/score/passes.ts). */
export const monthPass = (options: MonthPassOptions): ConsultationPass => new ConsultationPass({ ...options, calendar: createCalendar(options.calendar) });

export class ConsultationPass implements ConsultationSink<ConsultationPartial> {
  readonly spec: PassSpec<'month'>;
  private readonly env: RunEnv;
  private readonly rules: { rule: AnyRule; code: string; params: Record<string, unknown>; points: Points }[] = [];
  private readonly belongs: (t: Wall) => Wall;
  /** What the message and follow-up deadlines are computed from. */
  private readonly deadlines: Pick<RuleContext, 'belongsTo' | 'calendar' | 'hours'>;
  private readonly inWindow: (t: Wall) => boolean;
  private readonly windowEnd: Wall;
  private readonly limits: { replyLimit: number; ringLimit: number };
  private readonly runs = new Map<string, RuleRun>();
  private readonly kpis = new Map<string, ConsultationKpi>();
  private readonly first: FirstOfDay;
  private excluded: ReadonlySet<string> = new Set();
  /** The texts the merged items hold, each once (share). */
  private readonly one = sharing();

  constructor(options: AssessmentOptions) {
    const { regulation, calendar } = options;
    const { month, asOf, window } = assessedPeriod(options);
    this.spec = { pass: 'month', options: { regulation, calendar: calendar.overrides, month: options.month, asOf: options.asOf, asOfBound: options.asOfBound } };
    this.inWindow = (t) => t >= window.start && t <= window.end;
    this.windowEnd = window.end;
    // Each-row rules read nothing but the row: no staff list, no other log.
    this.env = { records: NO_RECORDS, calendar, hours: regulation.hours, staff: new StaffDirectory([]), month, asOf, asOfBound: options.asOfBound };
    for (const setting of Object.values(regulation.rules)) {
      const rule = getRule(setting.code);
      if (rule?.meta.consultations === 'each-row' && setting.enabled) {
        this.rules.push({ rule, code: setting.code, params: setting.params, points: setting.points });
      }
    }
    this.belongs = (t) => belongsTo(calendar, regulation.hours.eveningCutoff, t);
    this.deadlines = { belongsTo: this.belongs, calendar, hours: regulation.hours };
    this.limits = kpiLimits(regulation);
    this.first = new FirstOfDay(this.belongs);
  }

  /** The whole pass over consultations already in memory (rule tests, and scoreMonth without a streamed pass). */
  static over(consultations: Iterable<Consultation>, options: AssessmentOptions): ConsultationSummary {
    const pass = new ConsultationPass(options);
    const part = pass.part();
    for (const c of consultations) part.add(c);
    pass.merge(part.done());
    return pass.summary();
  }

  part(): ConsultationPart<ConsultationPartial> {
    const data: ConsultationPartial = { runs: new Map(), kpis: new Map(), firstOfDay: [] };
    const first = new FirstOfDay(this.belongs);
    let chunk: Consultation[] = [];
    // The rules run over a few hundred rows at a time: the rows die young, and a rule's context is made once per chunk.
    const flush = () => {
      if (chunk.length === 0) return;
      const env = { ...this.env, records: { ...NO_RECORDS, consultations: chunk } };
      for (const { rule, code, params, points } of this.rules) addRun(data.runs, code, runRule(rule, params, points, env));
      chunk = [];
    };
    return {
      add: (c) => {
        this.tallyKpi(data.kpis, c);
        first.add(c);
        chunk.push(c);
        if (chunk.length >= CHUNK_ROWS) flush();
      },
      done: () => {
        flush();
        data.firstOfDay = [...first.values()];
        return data;
      },
    };
  }

  merge(part: ConsultationPartial): void {
    for (const [code, run] of part.runs) {
      for (const item of [...run.violations, ...run.pending]) this.share(item);
      addRun(this.runs, code, run);
    }
    for (const [staff, k] of part.kpis) {
      const into = this.kpis.get(staff);
      if (!into) this.kpis.set(staff, k);
      else for (const key of Object.keys(k) as (keyof ConsultationKpi)[]) into[key] += k[key];
    }
    for (const c of part.firstOfDay) this.first.add(c);
  }

  exclude(names: ReadonlySet<string>): void {
    this.excluded = names;
  }

  /**
   * Makes an item's texts the ones already held: a part posted by a reading thread brings its own copy of every
   * string, so that a big shop's year held ~200k file names, rule codes and reasons twice over or more.
   */
  private share(item: Violation | PendingItem): void {
    const one = this.one;
    item.rule = one(item.rule);
    item.staff = one(item.staff);
    item.source = { file: one(item.source.file), sheet: one(item.source.sheet), row: item.source.row };
    item.reason = { zh: one(item.reason.zh), en: one(item.reason.en) };
    if ('messageId' in item && item.messageId !== undefined) item.messageId = one(item.messageId);
  }

  /** Everything the files read to the end add up to, without the staff names excluded as unknown. */
  summary(): ConsultationSummary {
    const keep = (x: { staff: string }) => !this.excluded.has(x.staff);
    const runs = new Map<string, RuleRun>();
    for (const { code } of this.rules) {
      const run = this.runs.get(code) ?? { violations: [], pending: [], issues: [] };
      runs.set(code, { violations: run.violations.filter(keep), pending: run.pending.filter(keep), issues: run.issues });
    }
    return {
      runs,
      kpis: new Map([...this.kpis].filter(([staff]) => !this.excluded.has(staff))),
      firstOfDay: [...this.first.values()].filter(keep),
    };
  }

  private tallyKpi(kpis: Map<string, ConsultationKpi>, c: Consultation): void {
    const { inWindow, deadlines } = this;
    const hours = deadlines.hours;
    if (inWindow(c.received_at)) {
      const k = kpiOf(kpis, c.staff);
      k.consultations++;
      if (c.rating === '好评') k.goodReviews++;
      else if (c.rating === '中评') k.neutralReviews++;
      else if (c.rating === '差评') k.badReviews++;
      const online = inDayWindow(c.received_at, hours.online);
      if (c.channel === '旺旺') {
        const secs = firstReplySeconds(c);
        if (secs !== undefined) {
          k.allChats++;
          k.allReplySeconds += secs;
          if (online) {
            k.chats++;
            k.replySeconds += secs;
            if (secs <= this.limits.replyLimit) k.repliesWithinLimit++;
          }
        }
      } else if (c.channel === '电话' && online) {
        k.calls++;
        if (c.answered) k.callsAnswered++;
        if (c.answered && c.rings !== undefined && c.rings <= this.limits.ringLimit) k.callsWithinRings++;
      }
      const message = isMessage(c);
      if (message || c.needs_follow_up) {
        k.needHandling++;
        const end = this.windowEnd;
        if ((!message || (c.handled_at !== undefined && c.handled_at <= end)) && (!c.needs_follow_up || (c.follow_up_at !== undefined && c.follow_up_at <= end))) k.handled++;
      }
    }
    if (isMessage(c)) {
      const deadline = messageDeadline(deadlines, c.received_at);
      if (inWindow(deadline)) {
        const k = kpiOf(kpis, c.staff);
        k.messages++;
        if (c.handled_at !== undefined && c.handled_at <= deadline) k.messagesOnTime++;
      }
    }
    if (c.needs_follow_up) {
      const deadline = followUpDeadline(deadlines, c.received_at);
      if (inWindow(deadline)) {
        const k = kpiOf(kpis, c.staff);
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
