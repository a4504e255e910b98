/** Builds a rule's context and runs it (the score engine and the rule tests use this). */
import type { Calendar } from '../calendar/calendar.js';
import type { Issue } from '../core/issues.js';
import type { Wall } from '../core/time.js';
import type { Records } from '../logs/declarations.js';
import type { Hours, Points } from '../regulation/types.js';
import type { StaffDirectory } from './staff.js';
import { belongsTo, fill } from './support.js';
import type { AnyRule, Params, PendingItem, RuleContext, Violation } from './types.js';

/** What every rule of one run shares. */
export interface RunEnv {
  records: Records;
  calendar: Calendar;
  hours: Hours;
  staff: StaffDirectory;
  month: { start: Wall; end: Wall; label: string };
  asOf: Wall;
  /**
   * `asOf` is only an upper bound of the as-of (score's consultations are read before where the data ends is
   * known): items are pending when still open at it, whatever their deadline, and scoreMonth cuts both lists at
   * the real as-of afterwards (pendingAt).
   */
  asOfBound?: boolean;
}

export interface RuleRun {
  /** Every violation the rule found that is dated in the window, with the rule's own points. */
  violations: Violation[];
  pending: PendingItem[];
  issues: Issue[];
}

/**
 * An item open at as-of (the caller checks that) is pending when its duty began by as-of and in or before the
 * assessed month (an item of the next month is not this month's), and its deadline is after as-of.
 */
export function pendingAt(asOf: Wall, monthEnd: Wall, item: { since: Wall; deadline: Wall }): boolean {
  return item.since <= Math.min(asOf, monthEnd) && item.deadline > asOf;
}

/** Runs one rule with the given (already parsed) parameters and points. */
export function runRule(rule: AnyRule, params: Params, points: Points, env: RunEnv): RuleRun {
  const violations: Violation[] = [];
  const pending: PendingItem[] = [];
  const issues: Issue[] = [];
  const ctx = createRuleContext(rule, params, points, env, pending, issues);
  for (const v of rule.check(ctx)) if (ctx.inWindow(v.date)) violations.push(v);
  return { violations, pending, issues };
}

export function createRuleContext<P extends Params>(
  rule: AnyRule,
  params: P,
  points: Points,
  env: RunEnv,
  pendingOut: PendingItem[],
  issuesOut: Issue[],
): RuleContext<P> {
  const code = rule.meta.code;
  const messages = rule.meta.messages;
  const window = { start: env.month.start, end: Math.min(env.month.end, env.asOf) };
  const cutoff = env.hours.eveningCutoff;
  const message = (id: string, values?: Record<string, string | number>) => {
    const m = messages[id];
    if (!m) throw new Error(`${code}: no message ${id}`);
    return fill(m, values);
  };
  const fixed = typeof points === 'number' ? points : points[0];
  return {
    code,
    records: env.records,
    calendar: env.calendar,
    hours: env.hours,
    params,
    points: fixed,
    range: typeof points === 'number' ? undefined : points,
    staff: env.staff,
    month: env.month,
    asOf: env.asOf,
    window,
    inWindow: (t) => t >= window.start && t <= window.end,
    belongsTo: (t) => belongsTo(env.calendar, cutoff, t),
    isPending: (since, deadline, done) =>
      (done === undefined || done > env.asOf) && (env.asOfBound || pendingAt(env.asOf, env.month.end, { since, deadline })),
    message,
    violation(v) {
      const exempt = v.row?.exempt === true;
      return {
        rule: code,
        staff: v.staff,
        points: v.points ?? fixed,
        date: v.date,
        exempt,
        ...(exempt && v.row?.exempt_reason ? { exemptReason: v.row.exempt_reason } : {}),
        reason: message(v.message, v.values),
        source: v.source,
        messageId: v.message,
      };
    },
    pending(p) {
      const exempt = p.row?.exempt === true;
      pendingOut.push({
        rule: code,
        staff: p.staff,
        deadline: p.deadline,
        since: p.since,
        reason: message(p.message, p.values),
        source: p.source,
        exempt,
        ...(exempt && p.row?.exempt_reason ? { exemptReason: p.row.exempt_reason } : {}),
      });
    },
    issue: (i) => issuesOut.push(i),
  };
}
