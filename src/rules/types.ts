/**
 * A rule is a module that declares itself (docs/STYLE: ESLint's shape): `meta` names the clause, the logs
 * it reads, its parameters as a zod schema with defaults and its messages; `check` takes typed records and
 * a context and yields violations.
 */
import type { z } from 'zod';
import type { Calendar } from '../calendar/calendar.js';
import type { Issue, Source } from '../core/issues.js';
import type { Bilingual } from '../core/lang.js';
import type { Wall } from '../core/time.js';
import type { LogKey, Records } from '../logs/declarations.js';
import type { Hours, Points } from '../regulation/types.js';
import type { StaffDirectory } from './staff.js';

/** One deduction (docs/rules.md#violations). */
export interface Violation {
  /** Rule code, e.g. `CS-ONLINE-4`. */
  rule: string;
  /** The person charged. */
  staff: string;
  /** Points as the rule sets them; after scoring, 0 when exempt and the escalated value when escalated. */
  points: number;
  /** The deadline for deadline rules, else the event's time. */
  date: Wall;
  exempt: boolean;
  exemptReason?: string;
  /** One line naming the values that broke the rule, e.g. 首次回复 62 秒 > 45 秒. */
  reason: Bilingual;
  source: Source;
  /** Counted at the escalated rate (the n-th and later violation of the rule in the month). */
  escalated?: boolean;
  /** Which of the rule's messages the reason is (for tests and translations). */
  messageId?: string;
}

/** An item still open at as-of whose deadline is after it (docs/rules.md#violations): not a violation yet. */
export interface PendingItem {
  rule: string;
  staff: string;
  deadline: Wall;
  /** When the duty began (the message arrived, the order completed, the week began, …). */
  since: Wall;
  reason: Bilingual;
  source: Source;
  exempt: boolean;
  exemptReason?: string;
}

/** Parameters a rule reads; every rule's schema is a strict zod object with defaults. */
export type Params = Record<string, unknown>;

/**
 * `M` is the union of the rule's message ids, inferred by defineRule from the keys of `messages`: a `message:`
 * passed to ctx.violation, ctx.pending or ctx.message that is not one of them fails to compile.
 */
export interface RuleMeta<P extends Params = Params, M extends string = string> {
  code: string;
  /** The clause, summarised (the regulation file holds the department's own wording). */
  clause: Bilingual;
  /** The logs the rule reads. */
  source: readonly LogKey[];
  /**
   * How a rule that reads consultations reads them, so that score can stream a month of them instead of
   * holding it: `each-row`, one at a time and nothing else (no staff list, no other log), or `first-of-day`,
   * only each person's first consultation of each day it belongs to (FirstOfDay in cs-data-1.ts).
   */
  consultations?: 'each-row' | 'first-of-day';
  /** Default points, as in templates/regulation.yaml. Only manual rules may have a range. */
  points: Points;
  /** A manual clause: its violations are entered by hand in the incidents log. */
  manual?: boolean;
  /** A remark the report shows with the rule (CS-DATA-3: 情节严重可开除). */
  note?: Bilingual;
  params: z.ZodType<P, unknown>;
  /** Messages with `{placeholders}`, by id. */
  messages: Record<M, Bilingual>;
  /** Where the rule doubles: the n-th (from) and later violations in a month count `points`. */
  escalation?: (params: P) => { from: number; points: number } | undefined;
}

/** What a violation is made from; the context fills in the rule, the points and the exemption. */
export interface ViolationInput<M extends string = string> {
  staff: string;
  date: Wall;
  source: Source;
  /** One of the rule's message ids. */
  message: M;
  values?: Record<string, string | number>;
  /** Default: the rule's points. */
  points?: number;
  /** The row the violation derives from: its 豁免 / 豁免原因 make the violation exempt. */
  row?: { exempt?: boolean; exempt_reason?: string };
}

export interface RuleContext<P extends Params = Params, M extends string = string> {
  code: string;
  records: Records;
  calendar: Calendar;
  hours: Hours;
  params: P;
  /** The rule's points (for a ranged rule, the range's minimum; see `range`). */
  points: number;
  range?: readonly [number, number];
  staff: StaffDirectory;
  /** The assessed month. */
  month: { start: Wall; end: Wall; label: string };
  asOf: Wall;
  /** Violations dated in this window count: [month start, min(month end, as-of)]. */
  window: { start: Wall; end: Wall };
  inWindow(t: Wall): boolean;
  /** docs/rules.md#calendar: the day (00:00) a consultation received at t belongs to. */
  belongsTo(t: Wall): Wall;
  /** An item that began at `since`, due at `deadline` and done at `done` is open at as-of with its deadline after it. */
  isPending(since: Wall, deadline: Wall, done: Wall | undefined): boolean;
  violation(v: ViolationInput<M>): Violation;
  pending(p: Omit<PendingItem, 'rule' | 'reason' | 'exempt' | 'exemptReason'> & Pick<ViolationInput<M>, 'message' | 'values' | 'row'>): void;
  issue(issue: Issue): void;
  /** A message of the rule with its placeholders filled. */
  message(id: M, values?: Record<string, string | number>): Bilingual;
}

export interface Rule<P extends Params = Params, M extends string = string> {
  meta: RuleMeta<P, M>;
  check(ctx: RuleContext<P, M>): Iterable<Violation>;
}

/** Any rule, whatever its parameters. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/**
 * Declares a rule (an identity function that lets TypeScript infer the parameters from the schema and the
 * message ids from `messages`).
 */
export function defineRule<P extends Params, M extends string>(rule: Rule<P, M>): Rule<P, M> {
  return rule;
}
