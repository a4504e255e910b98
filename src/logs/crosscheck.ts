/**
 * The checks across rows and logs, the one place they run: repeated rows and tables, keyed duplicates,
 * unknown staff and SKUs, incident clauses and their points. Rows with an error, and repeats, leave `records`;
 * the rules and the scoring trust what is left.
 */
import type { Issue, IssueCode, Severity, Source } from '../core/issues.js';
import type { Bilingual } from '../core/lang.js';
import { formatWall } from '../core/time.js';
import type { Points } from '../regulation/types.js';
import { columnsOf, LOG_KEYS, type LogKey, type Records, type StaffRecord } from './declarations.js';
import { columnReader, rowHash, type Headers, type StreamedTable } from './load.js';

/** What an incident row's 条款 may name: every clause of the regulation, with its points and whether it is on. */
export type IncidentRules = ReadonlyMap<string, { points: Points; enabled: boolean; manual: boolean }>;

interface Ref {
  source: Source;
}

/** Where a column of a table is, as the file has it (the header as written, its index). */
export type HeaderOf = (source: Source, log: LogKey, column: string) => { header: string; index?: number };

const defaultHeaderOf: HeaderOf = (_, log, column) => ({ header: columnsOf(log)[column]?.header ?? column });

/**
 * Appends the cross-row issues; rows with an error or repeating an earlier row are removed from `records`.
 * Returns the number of rows left out per table (tableKey).
 */
export function crossCheck(records: Records, issues: Issue[], incidentRules?: IncidentRules, headerOf: HeaderOf = defaultHeaderOf): Map<string, number> {
  const bad = new Set<Ref>();
  const flag = (log: LogKey, rec: Ref, column: string, severity: Severity, code: IssueCode, value: unknown, message: Bilingual) => {
    if (severity === 'error') bad.add(rec);
    const { header, index } = headerOf(rec.source, log, column);
    issues.push({ severity, code, ...rec.source, column: header, columnIndex: index, value: value === undefined ? '' : String(value), message });
  };

  for (const log of LOG_KEYS) repeatedRows(log, records[log] as Ref[], issues, bad);
  const kept = <T extends Ref>(rows: T[]) => rows.filter((r) => !bad.has(r));

  duplicates(kept(records.staff), (r, k) => (k[0] = r.name), 1, (r, first) =>
    flag('staff', r, 'name', 'error', 'duplicate-row', r.name, { zh: `姓名重复（${rowZh(first.source)}已有）`, en: `duplicate name (already at ${rowEn(first.source)})` }));
  duplicates(kept(records.skus), (r, k) => (k[0] = r.sku), 1, (r, first) =>
    flag('skus', r, 'sku', 'error', 'duplicate-row', r.sku, { zh: `货号重复（${rowZh(first.source)}已有）`, en: `duplicate SKU (already at ${rowEn(first.source)})` }));
  duplicates(kept(records.shipments), (r, k) => ((k[0] = r.order_id), (k[1] = r.sku)), 2, (r, first) =>
    flag('shipments', r, 'sku', 'error', 'duplicate-row', r.sku, {
      zh: `订单 ${r.order_id} 的货号 ${r.sku} 重复（${rowZh(first.source)}已有）`,
      en: `order ${r.order_id} has SKU ${r.sku} twice (already at ${rowEn(first.source)})`,
    }));
  duplicates(kept(records.stock_counts), (r, k) => ((k[0] = r.sku), (k[1] = r.counted_at), (k[2] = r.location ?? '')), 3, (r, first) =>
    flag('stock_counts', r, 'sku', 'error', 'duplicate-row', r.sku, {
      zh: `货号 ${r.sku} 在 ${formatWall(r.counted_at)} 库位「${r.location ?? ''}」重复盘点（${rowZh(first.source)}已有）`,
      en: `SKU ${r.sku} counted twice at ${formatWall(r.counted_at)} location "${r.location ?? ''}" (already at ${rowEn(first.source)})`,
    }));

  const people = new Set(kept(records.staff).map((r) => r.name));
  if (people.size > 0) {
    const unknown = (log: LogKey, rec: Ref, column: string, name: string | undefined, severity: Severity) => {
      if (name !== undefined && !people.has(name) && !bad.has(rec)) flag(log, rec, column, severity, 'unknown-staff', name, notInStaffList(name));
    };
    // A deduction needs a person to charge: unknown names in the assessed logs are errors. In the
    // warehouse logs the name is only who did it, and the stock movement must still count: a warning.
    for (const r of records.staff) unknown('staff', r, 'supervisor', r.supervisor, 'warning');
    for (const r of records.consultations) unknown('consultations', r, 'staff', r.staff, 'error');
    for (const r of records.presence) {
      unknown('presence', r, 'staff', r.staff, 'error');
      unknown('presence', r, 'cover', r.cover, 'warning');
    }
    for (const r of records.reports) unknown('reports', r, 'staff', r.staff, 'error');
    for (const r of records.listings) unknown('listings', r, 'editor', r.editor, 'error');
    for (const r of records.meetings) unknown('meetings', r, 'staff', r.staff, 'error');
    for (const r of records.incidents) unknown('incidents', r, 'staff', r.staff, 'error');
    for (const r of records.shipments) unknown('shipments', r, 'staff', r.staff, 'warning');
    for (const r of records.returns) unknown('returns', r, 'staff', r.staff, 'warning');
    for (const r of records.inbound) unknown('inbound', r, 'staff', r.staff, 'warning');
    for (const r of records.stock_counts) unknown('stock_counts', r, 'counter', r.counter, 'warning');
  }

  const known = new Set(kept(records.skus).map((r) => r.sku));
  if (known.size > 0) {
    const unknown = (log: LogKey, rec: Ref, sku: string | undefined) => {
      if (sku !== undefined && !known.has(sku) && !bad.has(rec)) {
        flag(log, rec, 'sku', 'error', 'unknown-sku', sku, { zh: `货号「${sku}」不在商品档案中`, en: `SKU "${sku}" is not in the product master` });
      }
    };
    for (const r of records.shipments) unknown('shipments', r, r.sku);
    for (const r of records.returns) unknown('returns', r, r.sku);
    for (const r of records.inbound) unknown('inbound', r, r.sku);
    for (const r of records.stock_counts) unknown('stock_counts', r, r.sku);
  }

  if (incidentRules) {
    for (const r of kept(records.incidents)) {
      const rule = incidentRules.get(r.rule);
      if (!rule || !rule.manual) {
        flag('incidents', r, 'rule', 'error', 'unknown-rule', r.rule, rule
          ? { zh: `${r.rule} 由记录表自动计算，不能在奖惩登记中登记`, en: `${r.rule} is computed from the logs; it cannot be entered as an incident` }
          : { zh: `「${r.rule}」不是规则文件中的条款编号`, en: `"${r.rule}" is not a rule code of the regulation` });
      } else if (!rule.enabled) {
        flag('incidents', r, 'rule', 'warning', 'rule-disabled', r.rule, { zh: `条款 ${r.rule} 在规则文件中已停用，此行不扣分`, en: `${r.rule} is disabled in the regulation; this row is not counted` });
      } else if (typeof rule.points !== 'number') {
        const [min, max] = rule.points;
        if (r.points === undefined) {
          flag('incidents', r, 'points', 'error', 'required-value', '', { zh: `${r.rule} 的扣分在 ${min}–${max} 分之间，须填写扣分`, en: `${r.rule} takes ${min}–${max} points: the points are required` });
        } else if (r.points < min || r.points > max) {
          flag('incidents', r, 'points', 'error', 'constraint-error', r.points, {
            zh: `扣分 ${r.points} 不在 ${r.rule} 的范围 ${min}–${max} 分内`,
            en: `${r.points} points is outside ${r.rule}'s range ${min}–${max}`,
          });
        }
      } else if (r.points !== undefined && r.points !== rule.points) {
        flag('incidents', r, 'points', 'warning', 'constraint-error', r.points, {
          zh: `${r.rule} 固定扣 ${rule.points} 分，登记的 ${r.points} 分未采用`,
          en: `${r.rule} is ${rule.points} points; the ${r.points} entered is not used`,
        });
      }
    }
  }

  const excluded = new Map<string, number>();
  if (bad.size > 0) {
    for (const key of LOG_KEYS) (records[key] as Ref[]) = (records[key] as Ref[]).filter((r) => !bad.has(r));
    for (const r of bad) {
      const k = tableKey(r.source);
      excluded.set(k, (excluded.get(k) ?? 0) + 1);
    }
  }
  return excluded;
}

/**
 * crossCheck's unknown-staff check for the consultations it never saw (they went to the sink): an error on
 * every row whose name is not in the staff list (when there is one). Returns those names.
 */
export function checkStreamedStaff(streamed: readonly StreamedTable[], staff: readonly StaffRecord[], headers: Headers, issues: Issue[]): Set<string> {
  const unknown = new Set<string>();
  if (staff.length === 0) return unknown;
  const people = new Set(staff.map((s) => s.name));
  for (const { table, rowsByName } of streamed) {
    const column = headers.get(tableKey(table))?.get('staff');
    for (const [name, rows] of rowsByName) {
      if (people.has(name)) continue;
      unknown.add(name);
      table.excluded += rows.length;
      for (const row of rows) {
        issues.push({
          severity: 'error', code: 'unknown-staff', file: table.file, sheet: table.sheet, row,
          column: column?.header ?? 'staff', columnIndex: column?.index, value: name, message: notInStaffList(name),
        });
      }
    }
  }
  return unknown;
}

export const notInStaffList = (name: string): Bilingual => ({ zh: `「${name}」不在人员名单中`, en: `"${name}" is not in the staff list` });

export const tableKey = (s: { file: string; sheet: string }) => `${s.file}\u0000${s.sheet}`;

const rowZh = (s: Source) => `${s.file} ${s.sheet} 第 ${s.row} 行`;
const rowEn = (s: Source) => `${s.file} ${s.sheet} row ${s.row}`;
const tableName = (s: { file: string; sheet: string }) => `${s.file} / ${s.sheet}`;

/** A table whose rows all repeat another table of the same log (the same log saved twice). */
export function duplicateTable(copy: { file: string; sheet: string }, original: { file: string; sheet: string }, rows: number): Issue {
  return {
    severity: 'warning', code: 'duplicate-table', file: copy.file, sheet: copy.sheet, value: tableName(original),
    message: {
      zh: `此表 ${rows} 行与「${tableName(original)}」完全重复（同一记录保存了两份？），未重复计入`,
      en: `all ${rows} rows repeat "${tableName(original)}" (the same log saved twice?); not counted again`,
    },
  };
}

/** A row equal to an earlier row of its log in every column: a warning, and the row is left out. */
export function duplicateRow(source: Source, first: Source): Issue {
  return {
    severity: 'warning', code: 'duplicate-row', ...source, value: `${first.file} / ${first.sheet} / ${first.row}`,
    message: { zh: `与 ${rowZh(first)} 完全相同，只计一次`, en: `repeats ${rowEn(first)} exactly; counted once` },
  };
}

/**
 * The indexes of `rows` whose fields hash like another row's, in row order: the only rows that can equal another.
 * A year's shipments are millions of rows and nearly all are unique: their hashes go in a typed array and a sorted
 * copy (16 bytes a row), not a map entry each (~50 bytes, and seconds of hashing and collecting).
 */
function candidates<T>(rows: readonly T[], fields: (r: T, into: unknown[]) => void, width: number): { at: Int32Array; hash: Float64Array } {
  const hashes = new Float64Array(rows.length);
  const values: unknown[] = new Array(width); // one array for every row
  for (let i = 0; i < rows.length; i++) {
    fields(rows[i], values);
    hashes[i] = rowHash(values);
  }
  const sorted = hashes.slice().sort();
  const shared = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) shared.add(sorted[i]);
  const at: number[] = [];
  if (shared.size > 0) for (let i = 0; i < rows.length; i++) if (shared.has(hashes[i])) at.push(i);
  return { at: Int32Array.from(at), hash: Float64Array.from(at, (i) => hashes[i]) };
}

/** Whether two rows' fields are equal as text, as the hash sees them. */
function sameFields<T>(fields: (r: T, into: unknown[]) => void, width: number): (a: T, b: T) => boolean {
  const x: unknown[] = new Array(width);
  const y: unknown[] = new Array(width);
  return (a, b) => {
    fields(a, x);
    fields(b, y);
    for (let k = 0; k < width; k++) if (String(x[k]) !== String(y[k])) return false;
    return true;
  };
}

/**
 * Calls `onRepeat` for every row whose `fields` (all its columns, or a key) equal an earlier row's, with the first
 * such row, in row order.
 * Rows are grouped by a hash of their fields and compared field by field, so a collision never makes a repeat.
 */
function duplicates<T>(rows: readonly T[], fields: (r: T, into: unknown[]) => void, width: number, onRepeat: (r: T, first: T) => void): void {
  if (rows.length < 2) return;
  const { at, hash } = candidates(rows, fields, width);
  const same = sameFields(fields, width);
  const firsts = new Map<number, T[]>();
  for (let k = 0; k < at.length; k++) {
    const r = rows[at[k]];
    const seen = firsts.get(hash[k]);
    const earlier = seen?.find((e) => same(r, e));
    if (earlier) onRepeat(r, earlier);
    else if (seen) seen.push(r);
    else firsts.set(hash[k], [r]);
  }
}

/**
 * Rows equal in every column to an earlier row of the log are left out (added to `out`), each with a
 * duplicate-row warning — or, when every row of a table repeats one other table, one duplicate-table warning.
 */
function repeatedRows(log: LogKey, rows: readonly Ref[], issues: Issue[], out: Set<Ref>): void {
  const keys = Object.keys(columnsOf(log));
  const columns = columnReader(log, keys);
  // Per table: the repeats, with the rows they repeat.
  const tables = new Map<string, [Ref, Ref][]>();
  duplicates(rows, columns, keys.length, (r, first) => {
    const t = tableKey(r.source);
    const list = tables.get(t);
    if (list) list.push([r, first]);
    else tables.set(t, [[r, first]]);
  });
  for (const list of tables.values()) {
    for (const [r] of list) out.add(r);
    const copy = list[0][0].source;
    const originals = new Set(list.map(([, e]) => tableKey(e.source)));
    const whole = originals.size === 1 && !originals.has(tableKey(copy)) && list.length === rowsOfTable(rows, copy);
    if (whole) issues.push(duplicateTable(copy, list[0][1].source, list.length));
    else for (const [r, e] of list) issues.push(duplicateRow(r.source, e.source));
  }
}

/** The rows of one table among `rows`. */
function rowsOfTable(rows: readonly Ref[], table: { file: string; sheet: string }): number {
  let n = 0;
  for (const r of rows) if (r.source.file === table.file && r.source.sheet === table.sheet) n++;
  return n;
}
