/**
 * A RuleTester after ESLint's: tables of `valid` cases (must raise nothing) and `invalid` cases (the exact
 * violations expected), plus a factory for typed records. Duplicate case names and unknown message ids are
 * rejected.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar, type Calendar } from '../../src/calendar/calendar.js';
import type { Issue, Source } from '../../src/core/issues.js';
import { formatWall, parseDateText, parseMonth, type Wall } from '../../src/core/time.js';
import type {
  Consultation, Incident, Listing, Meeting, Presence, Records, Report, Return, Shipment, StaffRecord,
} from '../../src/logs/declarations.js';
import { loadRegulation } from '../../src/regulation/index.js';
import type { Hours, Points, Regulation } from '../../src/regulation/types.js';
import { runRule, StaffDirectory, type AnyRule, type RuleRun } from '../../src/rules/index.js';

// ─── time ──────────────────────────────────────────────────────────────────────────────────────────────

/** `2024-05-06 11:30` / `2024-05-06 11:30:05` / `2024-05-06` → wall time. */
export function t(text: string): Wall {
  const parsed = parseDateText(text);
  if (!parsed) throw new Error(`bad time in test: ${text}`);
  return parsed.t;
}

// ─── records ───────────────────────────────────────────────────────────────────────────────────────────

const rows = new Map<string, number>();
/** Sources count rows per file from 2 (row 1 is the header), so each record is distinct. */
function nextSource(file: string, source?: Partial<Source>): Source {
  const row = source?.row ?? (rows.get(file) ?? 1) + 1;
  rows.set(file, Math.max(row, rows.get(file) ?? 1));
  return { file: source?.file ?? file, sheet: source?.sheet ?? 'Sheet1', row };
}

type Input<R, K extends keyof R> = Partial<Omit<R, 'source'>> & Pick<R, K> & { source?: Partial<Source> };

export function staffRecord(p: Input<StaffRecord, 'name' | 'role'>): StaffRecord {
  return { supervisor: undefined, active_from: undefined, active_to: undefined, ...p, source: nextSource('staff.xlsx', p.source) };
}

export function consultation(p: Input<Consultation, 'received_at'>): Consultation {
  return {
    staff: '张三', channel: '旺旺', customer: undefined, first_reply_at: undefined, first_reply_seconds: undefined, answered: true,
    rings: undefined, handled_at: undefined, note: undefined, needs_follow_up: false, follow_up_at: undefined, rating: undefined,
    review_text: undefined, exempt: false, exempt_reason: undefined,
    ...p, source: nextSource('consultations.xlsx', p.source),
  };
}

export const chat = (p: Input<Consultation, 'received_at'>) => consultation({ channel: '旺旺', first_reply_seconds: 10, ...p });
export const call = (p: Input<Consultation, 'received_at'>) => consultation({ channel: '电话', rings: 3, ...p });
export const message = (p: Input<Consultation, 'received_at'>) => consultation({ channel: '留言', note: '已处理', ...p });

export function presence(p: Input<Presence, 'left_at' | 'back_at'>): Presence {
  return { staff: '张三', status_switched: true, cover: undefined, exempt: false, exempt_reason: undefined, ...p, source: nextSource('presence.xlsx', p.source) };
}

export function report(p: Input<Report, 'kind' | 'period'>): Report {
  return { staff: '张三', submitted_at: undefined, accurate: true, exempt: false, exempt_reason: undefined, ...p, source: nextSource('reports.xlsx', p.source) };
}

export function shipment(p: Input<Shipment, 'order_id' | 'completed_at'>): Shipment {
  return {
    shipped_at: undefined, sku: 'SKU-1', qty: 1, staff: '张三', carrier: undefined, tracking_no: undefined, exempt: false, exempt_reason: undefined,
    ...p, source: nextSource('shipments.xlsx', p.source),
  };
}

export function returnRow(p: Input<Return, 'requested_at'>): Return {
  return {
    order_id: 'R1', type: '退货', sku: 'SKU-1', qty: 1, registered_at: undefined, staff: '张三', received_at: undefined, condition: '完好',
    refund_amount: undefined, reason: undefined, exempt: false, exempt_reason: undefined,
    ...p, source: nextSource('returns.xlsx', p.source),
  };
}

export function listing(p: Input<Listing, 'kind' | 'notified_at'>): Listing {
  return { product: 'P-1', editor: '赵六', done_at: undefined, special: false, important: false, exempt: false, exempt_reason: undefined, ...p, source: nextSource('listings.xlsx', p.source) };
}

export function meeting(p: Input<Meeting, 'meeting_at'>): Meeting {
  return { meeting: '周会', staff: '张三', signed_at: undefined, exempt: false, exempt_reason: undefined, ...p, source: nextSource('meetings.xlsx', p.source) };
}

export function incident(p: Input<Incident, 'date' | 'rule'>): Incident {
  return { staff: '张三', count: 1, points: undefined, note: '说明', ...p, source: nextSource('incidents.xlsx', p.source) };
}

/** The default department: two 客服 under one 客服主管, an editor, a copywriter. */
export const DEFAULT_STAFF: StaffRecord[] = [
  staffRecord({ name: '张三', role: '客服', supervisor: '王五', source: { row: 2 } }),
  staffRecord({ name: '李四', role: '客服', supervisor: '王五', source: { row: 3 } }),
  staffRecord({ name: '王五', role: '客服主管', source: { row: 4 } }),
  staffRecord({ name: '赵六', role: '在线编辑', source: { row: 5 } }),
  staffRecord({ name: '孙八', role: '文案', source: { row: 6 } }),
];

export function records(partial: Partial<Records> = {}): Records {
  return {
    staff: DEFAULT_STAFF, consultations: [], presence: [], reports: [], shipments: [], returns: [], inbound: [],
    stock_counts: [], skus: [], listings: [], meetings: [], incidents: [],
    ...partial,
  };
}

// ─── running a rule ────────────────────────────────────────────────────────────────────────────────────

let defaultRegulation: Regulation | undefined;
export function regulation(): Regulation {
  return (defaultRegulation ??= loadRegulation());
}

const defaultCalendar = createCalendar();

export interface Case {
  name: string;
  records: Partial<Records>;
  /** Parameter overrides on top of the default regulation's. */
  params?: Record<string, unknown>;
  points?: Points;
  /** Default 2024-05. */
  month?: string;
  asOf?: string;
  calendar?: Calendar;
  hours?: Partial<Hours>;
}

export interface ExpectedViolation {
  staff: string;
  points: number;
  /** `YYYY-MM-DDTHH:mm:ss`. */
  date: string;
  /** A substring of the Chinese reason. */
  reason: string;
  /** A substring of the English reason. */
  reasonEn?: string;
  exempt?: boolean;
  messageId?: string;
  row?: number;
}

export interface InvalidCase extends Case {
  violations: ExpectedViolation[];
  /** Issues expected (code, severity and a substring of the Chinese message). */
  issues?: { code: Issue['code']; severity: Issue['severity']; message: string }[];
  /** Pending items expected (staff, deadline). */
  pending?: { staff: string; deadline: string }[];
}

export interface ValidCase extends Case {
  pending?: { staff: string; deadline: string }[];
}

export function run(rule: AnyRule, c: Case): RuleRun {
  const reg = regulation();
  const setting = reg.rules[rule.meta.code];
  const params = rule.meta.params.parse({ ...setting.params, ...c.params }) as Record<string, unknown>;
  const month = parseMonth(c.month ?? '2024-05');
  if (!month) throw new Error(`bad month ${c.month}`);
  const all = records(c.records);
  return runRule(rule, params, c.points ?? setting.points, {
    records: all,
    calendar: c.calendar ?? defaultCalendar,
    hours: { ...reg.hours, ...c.hours },
    staff: new StaffDirectory(all.staff),
    month,
    asOf: c.asOf ? t(c.asOf) : month.end,
  });
}

function order(r: RuleRun) {
  return [...r.violations].sort(
    (a, b) => a.date - b.date || a.source.file.localeCompare(b.source.file) || a.source.row - b.source.row,
  );
}

/** Registers one describe block with a test per case. */
export function ruleTester(rule: AnyRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const names = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    if (names.has(c.name)) throw new Error(`${rule.meta.code}: duplicate case "${c.name}"`);
    names.add(c.name);
  }
  for (const c of cases.invalid) {
    if (c.violations.length === 0) throw new Error(`${rule.meta.code}: invalid case "${c.name}" expects no violation (make it valid)`);
    for (const v of c.violations) {
      if (v.messageId && !(v.messageId in rule.meta.messages)) throw new Error(`${rule.meta.code}: case "${c.name}" names an unknown message ${v.messageId}`);
    }
  }
  describe(`${rule.meta.code} ${rule.meta.clause.zh}`, () => {
    if (cases.valid.length) describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          const r = run(rule, c);
          expect(order(r).map(simplify)).toEqual([]);
          expect(r.issues).toEqual([]);
          if (c.pending) expect(r.pending.map((p) => ({ staff: p.staff, deadline: formatWall(p.deadline) }))).toEqual(c.pending);
        });
      }
    });
    if (cases.invalid.length) describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const r = run(rule, c);
          const actual = order(r);
          expect(actual.map(simplify)).toEqual(
            c.violations.map((v) => ({ rule: rule.meta.code, staff: v.staff, points: v.points, date: v.date, exempt: v.exempt ?? false })),
          );
          actual.forEach((a, i) => {
            const e = c.violations[i];
            expect(a.reason.zh).toContain(e.reason);
            if (e.reasonEn) expect(a.reason.en).toContain(e.reasonEn);
            if (e.messageId) expect(a.messageId).toBe(e.messageId);
            if (e.row !== undefined) expect(a.source.row).toBe(e.row);
            if (a.exempt) expect(a.exemptReason).toBeTruthy();
            expect(a.reason.zh).not.toMatch(/\{\w+\}/);
            expect(a.reason.en).not.toMatch(/\{\w+\}/);
          });
          expect(r.issues.map((i) => ({ code: i.code, severity: i.severity }))).toEqual((c.issues ?? []).map((i) => ({ code: i.code, severity: i.severity })));
          r.issues.forEach((i, n) => expect(i.message.zh).toContain(c.issues![n].message));
          if (c.pending) expect(r.pending.map((p) => ({ staff: p.staff, deadline: formatWall(p.deadline) }))).toEqual(c.pending);
        });
      }
    });
  });
}

function simplify(v: RuleRun['violations'][number]) {
  return { rule: v.rule, staff: v.staff, points: v.points, date: formatWall(v.date), exempt: v.exempt };
}
