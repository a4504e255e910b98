/**
 * The checks across rows and logs, the one place they run: repeated rows and tables, keyed duplicates,
 * unknown staff and SKUs, incident clauses and their points. Rows with an error, and repeats, leave `records`;
 * the rules and the scoring trust what is left.
 */
import { rowsOf } from '../core/collections.js';
import type { Issue, IssueCode, Severity, Source } from '../core/issues.js';
import type { Bilingual } from '../core/lang.js';
import { formatWall } from '../core/time.js';
import type { Points } from '../regulation/types.js';
import { columnsOf, LOG_KEYS, type LogKey, type Records, type StaffRecord } from './declarations.js';
import type { Lines } from './lines.js';
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
 * A log's rows as crossCheck reads them: the records, or a LineTable (`LoadOptions.compact`), whose `at` makes a
 * row again each time. Rows are told apart by their index, never by object.
 */
interface Rows<T> {
  readonly length: number;
  at(i: number): T | undefined;
}

/**
 * Appends the cross-row issues; rows with an error or repeating an earlier row are removed from `records` (and
 * from `lines`, the logs held column by column, whose `records` are empty). Returns the number of rows left out
 * per table (tableKey).
 */
export function crossCheck(
  records: Records,
  issues: Issue[],
  incidentRules?: IncidentRules,
  headerOf: HeaderOf = defaultHeaderOf,
  lines: Lines = {},
): Map<string, number> {
  const rowsOf = <K extends LogKey>(log: K) => (lines[log] ?? records[log]) as unknown as Rows<Records[K][number]>;
  const bad = new Map<LogKey, Set<number>>(LOG_KEYS.map((log) => [log, new Set()]));
  const isBad = (log: LogKey, i: number) => bad.get(log)!.has(i);
  const flag = (log: LogKey, i: number, rec: Ref, column: string, severity: Severity, code: IssueCode, value: unknown, message: Bilingual) => {
    if (severity === 'error') bad.get(log)!.add(i);
    const { header, index } = headerOf(rec.source, log, column);
    issues.push({ severity, code, ...rec.source, column: header, columnIndex: index, value: value === undefined ? '' : String(value), message });
  };
  /** Each row of `log` that has no error yet, with its index. */
  const each = <K extends LogKey>(log: K, visit: (r: Records[K][number], i: number) => void) => {
    const rows = rowsOf(log);
    for (let i = 0; i < rows.length; i++) if (!isBad(log, i)) visit(rows.at(i)!, i);
  };
  /** The indexes of the rows of `log` that have no error yet. */
  const kept = (log: LogKey) => {
    const out: number[] = [];
    for (let i = 0, n = rowsOf(log).length; i < n; i++) if (!isBad(log, i)) out.push(i);
    return out;
  };

  for (const log of LOG_KEYS) repeatedRows(log, rowsOf(log), issues, bad.get(log)!);

  duplicates(rowsOf('staff'), kept('staff'), (r, k) => (k[0] = r.name), 1, (r, i, first) =>
    flag('staff', i, r, 'name', 'error', 'duplicate-row', r.name, { zh: `姓名重复（${rowZh(first.source)}已有）`, en: `duplicate name (already at ${rowEn(first.source)})` }));
  duplicates(rowsOf('skus'), kept('skus'), (r, k) => (k[0] = r.sku), 1, (r, i, first) =>
    flag('skus', i, r, 'sku', 'error', 'duplicate-row', r.sku, { zh: `货号重复（${rowZh(first.source)}已有）`, en: `duplicate SKU (already at ${rowEn(first.source)})` }));
  duplicates(rowsOf('shipments'), kept('shipments'), (r, k) => ((k[0] = r.order_id), (k[1] = r.sku)), 2, (r, i, first) =>
    flag('shipments', i, r, 'sku', 'error', 'duplicate-row', r.sku, {
      zh: `订单 ${r.order_id} 的货号 ${r.sku} 重复（${rowZh(first.source)}已有）`,
      en: `order ${r.order_id} has SKU ${r.sku} twice (already at ${rowEn(first.source)})`,
    }));
  duplicates(rowsOf('stock_counts'), kept('stock_counts'), (r, k) => ((k[0] = r.sku), (k[1] = r.counted_at), (k[2] = r.location ?? '')), 3, (r, i, first) =>
    flag('stock_counts', i, r, 'sku', 'error', 'duplicate-row', r.sku, {
      zh: `货号 ${r.sku} 在 ${formatWall(r.counted_at)} 库位「${r.location ?? ''}」重复盘点（${rowZh(first.source)}已有）`,
      en: `SKU ${r.sku} counted twice at ${formatWall(r.counted_at)} location "${r.location ?? ''}" (already at ${rowEn(first.source)})`,
    }));

  const people = new Set<string>();
  each('staff', (r) => people.add(r.name));
  if (people.size > 0) {
    const unknown = (log: LogKey, severity: Severity, column: string) =>
      each(log, (r, i) => {
        const name = (r as unknown as Record<string, string | undefined>)[column];
        if (name !== undefined && !people.has(name)) flag(log, i, r, column, severity, 'unknown-staff', name, notInStaffList(name));
      });
    // A deduction needs a person to charge: unknown names in the assessed logs are errors. In the
    // warehouse logs the name is only who did it, and the stock movement must still count: a warning.
    unknown('staff', 'warning', 'supervisor');
    unknown('consultations', 'error', 'staff');
    unknown('presence', 'error', 'staff');
    unknown('presence', 'warning', 'cover');
    unknown('reports', 'error', 'staff');
    unknown('listings', 'error', 'editor');
    unknown('meetings', 'error', 'staff');
    unknown('incidents', 'error', 'staff');
    for (const log of ['shipments', 'returns', 'inbound'] as const) unknown(log, 'warning', 'staff');
    unknown('stock_counts', 'warning', 'counter');
  }

  const known = new Set<string>();
  each('skus', (r) => known.add(r.sku));
  if (known.size > 0) {
    for (const log of ['shipments', 'returns', 'inbound', 'stock_counts'] as const) {
      each(log, (r, i) => {
        const sku = r.sku;
        if (sku !== undefined && !known.has(sku)) flag(log, i, r, 'sku', 'error', 'unknown-sku', sku, { zh: `货号「${sku}」不在商品档案中`, en: `SKU "${sku}" is not in the product master` });
      });
    }
  }

  if (incidentRules) {
    each('incidents', (r, i) => {
      const rule = incidentRules.get(r.rule);
      if (!rule || !rule.manual) {
        flag('incidents', i, r, 'rule', 'error', 'unknown-rule', r.rule, rule
          ? { zh: `${r.rule} 由记录表自动计算，不能在奖惩登记中登记`, en: `${r.rule} is computed from the logs; it cannot be entered as an incident` }
          : { zh: `「${r.rule}」不是规则文件中的条款编号`, en: `"${r.rule}" is not a rule code of the regulation` });
      } else if (!rule.enabled) {
        flag('incidents', i, r, 'rule', 'warning', 'rule-disabled', r.rule, { zh: `条款 ${r.rule} 在规则文件中已停用，此行不扣分`, en: `${r.rule} is disabled in the regulation; this row is not counted` });
      } else if (typeof rule.points !== 'number') {
        const [min, max] = rule.points;
        if (r.points === undefined) {
          flag('incidents', i, r, 'points', 'error', 'required-value', '', { zh: `${r.rule} 的扣分在 ${min}–${max} 分之间，须填写扣分`, en: `${r.rule} takes ${min}–${max} points: the points are required` });
        } else if (r.points < min || r.points > max) {
          flag('incidents', i, r, 'points', 'error', 'constraint-error', r.points, {
            zh: `扣分 ${r.points} 不在 ${r.rule} 的范围 ${min}–${max} 分内`,
            en: `${r.points} points is outside ${r.rule}'s range ${min}–${max}`,
          });
        }
      } else if (r.points !== undefined && r.points !== rule.points) {
        flag('incidents', i, r, 'points', 'warning', 'constraint-error', r.points, {
          zh: `${r.rule} 固定扣 ${rule.points} 分，登记的 ${r.points} 分未采用`,
          en: `${r.rule} is ${rule.points} points; the ${r.points} entered is not used`,
        });
      }
    });
  }

  const excluded = new Map<string, number>();
  for (const [log, out] of bad) {
    if (out.size === 0) continue;
    const rows = rowsOf(log);
    for (const i of out) {
      const k = tableKey(rows.at(i)!.source);
      excluded.set(k, (excluded.get(k) ?? 0) + 1);
    }
    const table = lines[log];
    if (table) table.filter((i) => !out.has(i));
    else (records[log] as Ref[]) = (records[log] as Ref[]).filter((_, i) => !out.has(i));
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
      table.excluded += rows.count;
      for (const row of rowsOf(rows)) {
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
 * The positions in `at` of the rows whose fields hash like another's: the only rows that can equal another.
 * A year's shipments are millions of rows and nearly all are unique: their hashes go in a typed array and a sorted
 * copy (16 bytes a row), not a map entry each (~50 bytes, and seconds of hashing and collecting).
 */
function candidates<T>(rows: Rows<T>, at: readonly number[], fields: (r: T, into: unknown[]) => void, width: number): { at: Int32Array; hash: Float64Array } {
  const hashes = new Float64Array(at.length);
  const values: unknown[] = new Array(width); // one array for every row
  for (let k = 0; k < at.length; k++) {
    fields(rows.at(at[k])!, values);
    hashes[k] = rowHash(values);
  }
  const sorted = hashes.slice().sort();
  const shared = new Set<number>();
  for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) shared.add(sorted[k]);
  const out: number[] = [];
  if (shared.size > 0) for (let k = 0; k < at.length; k++) if (shared.has(hashes[k])) out.push(k);
  return { at: Int32Array.from(out, (k) => at[k]), hash: Float64Array.from(out, (k) => hashes[k]) };
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
 * Calls `onRepeat` for every row (of the indexes `at`, in order) whose `fields` (all its columns, or a key) equal an
 * earlier row's, with the first such row.
 * Rows are grouped by a hash of their fields and compared field by field, so a collision never makes a repeat.
 */
function duplicates<T>(rows: Rows<T>, at: readonly number[], fields: (r: T, into: unknown[]) => void, width: number, onRepeat: (r: T, i: number, first: T, firstAt: number) => void): void {
  if (at.length < 2) return;
  const found = candidates(rows, at, fields, width);
  const same = sameFields(fields, width);
  const firsts = new Map<number, { r: T; i: number }[]>();
  for (let k = 0; k < found.at.length; k++) {
    const i = found.at[k];
    const r = rows.at(i)!;
    const seen = firsts.get(found.hash[k]);
    const earlier = seen?.find((e) => same(r, e.r));
    if (earlier) onRepeat(r, i, earlier.r, earlier.i);
    else if (seen) seen.push({ r, i });
    else firsts.set(found.hash[k], [{ r, i }]);
  }
}

/**
 * Rows equal in every column to an earlier row of the log are left out (their indexes added to `out`), each with a
 * duplicate-row warning — or, when every row of a table repeats one other table, one duplicate-table warning.
 */
function repeatedRows(log: LogKey, rows: Rows<Ref>, issues: Issue[], out: Set<number>): void {
  const keys = Object.keys(columnsOf(log));
  const columns = columnReader(log, keys);
  // Per table: the repeats, with the rows they repeat.
  const tables = new Map<string, [Ref, number, Ref][]>();
  duplicates(rows, Array.from({ length: rows.length }, (_, i) => i), columns, keys.length, (r, i, first) => {
    const t = tableKey(r.source);
    const list = tables.get(t);
    if (list) list.push([r, i, first]);
    else tables.set(t, [[r, i, first]]);
  });
  for (const list of tables.values()) {
    for (const [, i] of list) out.add(i);
    const copy = list[0][0].source;
    const originals = new Set(list.map(([, , e]) => tableKey(e.source)));
    const whole = originals.size === 1 && !originals.has(tableKey(copy)) && list.length === rowsOfTable(rows, copy);
    if (whole) issues.push(duplicateTable(copy, list[0][2].source, list.length));
    else for (const [r, , e] of list) issues.push(duplicateRow(r.source, e.source));
  }
}

/** The rows of one table among `rows`. */
function rowsOfTable(rows: Rows<Ref>, table: { file: string; sheet: string }): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const { source } = rows.at(i)!;
    if (source.file === table.file && source.sheet === table.sheet) n++;
  }
  return n;
}
