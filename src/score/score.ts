/**
 * The monthly assessment (docs/rules.md): runs every enabled rule over the typed records, keeps the violations
 * dated in the month (up to as-of), applies exemptions and escalation, and scores every person.
 */
import { compareSource, type Issue, type Source } from '../core/issues.js';
import type { Bilingual, Lang } from '../core/lang.js';
import { formatWall, type Wall } from '../core/time.js';
import { LOGS, type LogKey, type Records } from '../logs/declarations.js';
import { compareRuleCodes, getRule, ld3Hints, RULE_GROUPS, ruleGroup, runRule, StaffDirectory, type Ld3Hint, type PastAssessment, type PendingItem, type RunEnv, type Violation } from '../rules/index.js';
import { pendingAt } from '../rules/context.js';
import { isShippedBy, ordersOf } from '../rules/support.js';
import { assessedPeriod, ConsultationPass, type AssessmentOptions, type ConsultationSummary } from './consultations.js';
import { monthKpis, teamKpi, type Kpi } from './kpis.js';
import { trendOf, type Trend } from './trend.js';
import { compareNames } from '../core/collections.js';

export type { Kpi } from './kpis.js';

export interface ScoreOptions extends AssessmentOptions {
  /** Earlier assessments (history.ts), for the LD-3 hints and, when they hold scores, the trend. */
  history?: readonly (PastAssessment & { staff: readonly { name: string; passed: boolean; score?: number }[] })[];
  /** The consultations' pass, when they were streamed to it while loading; else it runs over records.consultations. */
  consultations?: ConsultationSummary;
  /** The logs that have at least one table (even an empty one); a rule reading another is not applied. Default: all. */
  logsPresent?: ReadonlySet<LogKey>;
  /** Where the data ends (the latest instant in the event logs), for the coverage line. */
  dataEnds?: Wall;
}

/** How far the data covers the month: provisional while violations of it may still come. */
export interface Coverage {
  dataEnds?: Wall;
  provisional: boolean;
  /** Items still open at as-of whose deadline is after it. */
  pending: number;
}

export interface StaffScore {
  name: string;
  /** Role from the staff list; '' for a person charged who is not in it. */
  role: string;
  supervisor?: string;
  deducted: number;
  score: number;
  passed: boolean;
  /** Violations in the month, exempt ones included. */
  violations: number;
  /** Points deducted per rule group (RULE_GROUPS ids; every group present, 0 when none). */
  byGroup: Record<string, number>;
}

/** An order completed and not fully shipped at the month's last instant (or as-of, when earlier). */
export interface UnshippedOrder {
  orderId: string;
  staff: string;
  completedAt: Wall;
  /** Latest shipped_at among the rows shipped by then, if any. */
  lastShippedAt?: Wall;
  lines: number;
  unshippedLines: number;
  unshippedQty: number;
  skus: string[];
  exempt: boolean;
  source: Source;
}

export interface ScoreResult {
  month: string;
  asOf: Wall;
  baseScore: number;
  passMark: number;
  floor: number;
  staff: StaffScore[];
  /** Sorted by date, then source (file, sheet, row). Exempt ones have 0 points. */
  violations: Violation[];
  /** Open at as-of with their deadline after it; sorted by deadline, then source. */
  pending: PendingItem[];
  /** Problems found while scoring (the loader's issues are not repeated here). */
  issues: Issue[];
  kpis: Kpi[];
  /** The team's KPIs: every row's counts summed, rates computed again (staff ''). */
  teamKpi: Kpi;
  unshipped: UnshippedOrder[];
  ld3Hints: Ld3Hint[];
  coverage: Coverage;
  /** Each person's scores over the last 12 months and the change from last month, when earlier months are saved. */
  trend?: Trend;
}

/** Points in hundredths, so 0.5 + 1.5 + … never drifts. */
const cents = (p: number) => Math.round(p * 100);
const fromCents = (c: number) => c / 100;

export function scoreMonth(records: Records, options: ScoreOptions): ScoreResult {
  const { month, asOf, window } = assessedPeriod(options);
  const { regulation, calendar } = options;
  const passed = options.consultations ?? ConsultationPass.over(records.consultations, options);
  const staff = new StaffDirectory(records.staff);
  // Rules other than the each-row ones read only the first consultation of each person's day (RuleMeta).
  const env: RunEnv = { records: { ...records, consultations: passed.firstOfDay }, calendar, hours: regulation.hours, staff, month, asOf };
  const violations: Violation[] = [];
  const pending: PendingItem[] = [];
  const issues: Issue[] = [];

  const skipped = new Map<LogKey, string[]>();
  for (const setting of Object.values(regulation.rules)) {
    const rule = getRule(setting.code);
    if (!rule || !setting.enabled) continue;
    const missing = options.logsPresent ? rule.meta.source.filter((log) => !options.logsPresent!.has(log)) : [];
    if (missing.length > 0) {
      for (const log of missing) skipped.set(log, [...(skipped.get(log) ?? []), setting.code]);
      continue;
    }
    const run = rule.meta.consultations === 'each-row' ? passed.runs.get(setting.code) : runRule(rule, setting.params, setting.points, env);
    if (!run) throw new Error(`${setting.code}: not run in the consultations' pass`);
    // The streamed pass ran before as-of was known (asOfBound): cut its lists at as-of here, as runRule does.
    run.violations = run.violations.filter((v) => v.date <= window.end);
    run.pending = run.pending.filter((p) => pendingAt(asOf, month.end, p));
    issues.push(...run.issues);
    pending.push(...run.pending);
    for (const v of run.violations) if (v.exempt) v.points = 0;
    const escalation = rule.meta.escalation?.(setting.params);
    if (escalation) escalate(run.violations, escalation);
    violations.push(...run.violations);
  }
  for (const [log, codes] of skipped) issues.push(missingLog(log, codes));

  violations.sort((a, b) => a.date - b.date || compareSource(a.source, b.source) || compareRuleCodes(a.rule, b.rule) || compareNames(a.staff, b.staff));
  pending.sort((a, b) => a.deadline - b.deadline || compareSource(a.source, b.source) || compareRuleCodes(a.rule, b.rule) || compareNames(a.staff, b.staff));

  // Every person active in the month gets a row; so does anyone charged who is not (left earlier, not listed).
  const totals = new Map<string, { cents: number; count: number; groups: Map<string, number> }>();
  for (const v of violations) {
    let t = totals.get(v.staff);
    if (!t) totals.set(v.staff, (t = { cents: 0, count: 0, groups: new Map() }));
    t.cents += cents(v.points);
    t.count++;
    const g = ruleGroup(v.rule);
    t.groups.set(g, (t.groups.get(g) ?? 0) + cents(v.points));
  }
  const names = staff.activeIn(month.start, month.end).map((s) => s.name);
  const listed = new Set(names);
  names.push(...[...totals.keys()].filter((n) => !listed.has(n)).sort(compareNames));
  const base = cents(regulation.baseScore);
  const rows: StaffScore[] = names.map((name) => {
    const person = staff.get(name);
    const t = totals.get(name);
    const deducted = t?.cents ?? 0;
    const score = Math.max(cents(regulation.floor), base - deducted);
    const byGroup: Record<string, number> = {};
    for (const g of RULE_GROUPS) byGroup[g.id] = fromCents(t?.groups.get(g.id) ?? 0);
    for (const [g, c] of t?.groups ?? []) if (!(g in byGroup)) byGroup[g] = fromCents(c);
    return {
      name,
      role: person?.role ?? '',
      ...(person?.supervisor ? { supervisor: person.supervisor } : {}),
      deducted: fromCents(deducted),
      score: fromCents(score),
      passed: score >= cents(regulation.passMark),
      violations: t?.count ?? 0,
      byGroup,
    };
  });

  const kpis = monthKpis(records, passed.kpis, options, staff, window, month.end);
  const trend = trendOf(month.label, rows, options.history ?? []);
  return {
    month: month.label,
    asOf,
    baseScore: regulation.baseScore,
    passMark: regulation.passMark,
    floor: regulation.floor,
    staff: rows,
    violations,
    pending,
    issues,
    kpis,
    teamKpi: teamKpi(kpis, regulation),
    unshipped: unshipped(records, window.end),
    ld3Hints: ld3Hints(
      month.label,
      rows.filter((r) => !r.passed).map((r) => r.name),
      options.history ?? [],
      staff,
    ),
    ...(trend ? { trend } : {}),
    coverage: {
      ...(options.dataEnds !== undefined ? { dataEnds: options.dataEnds } : {}),
      provisional: asOf < month.end || pending.length > 0,
      pending: pending.length,
    },
  };
}

/**
 * docs/rules.md#violations escalation: per person, in order of date then source, the from-th and later non-exempt
 * violations count the escalated points. Exempt ones are not counted in the sequence.
 */
function escalate(violations: Violation[], escalation: { from: number; points: number }) {
  const byStaff = new Map<string, Violation[]>();
  for (const v of violations) {
    const list = byStaff.get(v.staff);
    if (list) list.push(v);
    else byStaff.set(v.staff, [v]);
  }
  for (const list of byStaff.values()) {
    list.sort((a, b) => a.date - b.date || compareSource(a.source, b.source));
    let n = 0;
    for (const v of list) {
      if (v.exempt) continue;
      n++;
      if (n >= escalation.from) {
        v.points = escalation.points;
        v.escalated = true;
      }
    }
  }
}

/** A log a rule reads has no table at all: the rule is not applied (an empty table would mean nothing happened). */
function missingLog(log: LogKey, codes: readonly string[]): Issue {
  const name = LOGS[log].name;
  return {
    severity: 'warning', code: 'missing-log', file: '', value: log,
    message: {
      zh: `数据中没有「${name.zh}」表（连表头都没有），以下条款未计算：${codes.join('、')}；若本月确无记录，请放一张只有表头的空表`,
      en: `no ${name.en} table in the data (not even a header); not applied: ${codes.join(', ')}. If nothing happened this month, add an empty table with just the header`,
    },
  };
}

function unshipped(records: Records, cut: Wall): UnshippedOrder[] {
  const out: UnshippedOrder[] = [];
  for (const order of ordersOf(records.shipments)) {
    if (order.completedAt > cut || isShippedBy(order, cut)) continue;
    const open = order.rows.filter((r) => r.shipped_at === undefined || r.shipped_at > cut);
    let last: Wall | undefined;
    for (const r of order.rows) if (r.shipped_at !== undefined && r.shipped_at <= cut && (last === undefined || r.shipped_at > last)) last = r.shipped_at;
    out.push({
      orderId: order.id,
      staff: order.first.staff,
      completedAt: order.completedAt,
      ...(last !== undefined ? { lastShippedAt: last } : {}),
      lines: order.rows.length,
      unshippedLines: open.length,
      unshippedQty: open.reduce((n, r) => n + r.qty, 0),
      skus: [...new Set(open.map((r) => r.sku))],
      exempt: order.exemptRow !== undefined,
      source: order.first.source,
    });
  }
  return out.sort((a, b) => a.completedAt - b.completedAt || compareSource(a.source, b.source));
}

/** The JSON of `ecops score --json` (docs/outputs.md#json): dates as local `YYYY-MM-DDTHH:mm:ss`, texts in one language. */
export function scoreToJson(result: ScoreResult, lang: Lang) {
  const text = (b: Bilingual) => b[lang];
  return {
    month: result.month,
    asOf: formatWall(result.asOf),
    coverage: {
      dataEnds: result.coverage.dataEnds === undefined ? null : formatWall(result.coverage.dataEnds),
      provisional: result.coverage.provisional,
      pending: result.coverage.pending,
    },
    baseScore: result.baseScore,
    passMark: result.passMark,
    staff: result.staff,
    violations: result.violations.map((v) => ({
      rule: v.rule,
      staff: v.staff,
      points: v.points,
      date: formatWall(v.date),
      exempt: v.exempt,
      ...(v.exemptReason ? { exemptReason: v.exemptReason } : {}),
      ...(v.escalated ? { escalated: true } : {}),
      reason: text(v.reason),
      source: v.source,
    })),
    pending: result.pending.map((p) => ({
      rule: p.rule,
      staff: p.staff,
      deadline: formatWall(p.deadline),
      since: formatWall(p.since),
      exempt: p.exempt,
      reason: text(p.reason),
      source: p.source,
    })),
    kpis: result.kpis,
    teamKpi: result.teamKpi,
    unshipped: result.unshipped.map((u) => ({
      ...u,
      completedAt: formatWall(u.completedAt),
      ...(u.lastShippedAt !== undefined ? { lastShippedAt: formatWall(u.lastShippedAt) } : {}),
    })),
    ld3Hints: result.ld3Hints,
    ...(result.trend ? { trend: result.trend } : {}),
    issues: result.issues.map((i) => ({ ...i, message: text(i.message) })),
  };
}
