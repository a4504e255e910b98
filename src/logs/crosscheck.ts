/** Checks across rows and logs (SPEC §1.5): duplicates, unknown staff and SKUs, incident rule codes. */
import type { Issue, Severity, Source } from '../core/issues.js';
import type { Bilingual } from '../core/lang.js';
import { formatWall } from '../core/time.js';
import { columnsOf, type LogKey, type Records } from './declarations.js';

/** Rule codes an incident row may name, with their fixed points or [min, max] range. */
export type IncidentRules = ReadonlyMap<string, number | readonly [number, number]>;

interface Ref {
  source: Source;
}

/**
 * Appends the cross-row issues; rows with an error are removed from `records`.
 * Returns the number of excluded rows per table (file + sheet).
 */
export function crossCheck(
  records: Records,
  issues: Issue[],
  incidentRules?: IncidentRules,
  headerOf: (source: Source, log: LogKey, column: string) => { header: string; index?: number } = (_, log, column) => ({
    header: columnsOf(log)[column]?.header ?? column,
  }),
): Map<string, number> {
  const bad = new Set<Ref>();
  const flag = (log: LogKey, rec: Ref, column: string, severity: Severity, code: Issue['code'], value: unknown, message: Bilingual) => {
    if (severity === 'error') bad.add(rec);
    const { header, index } = headerOf(rec.source, log, column);
    issues.push({ severity, code, ...rec.source, column: header, columnIndex: index, value: value === undefined ? '' : String(value), message });
  };

  duplicates(records.staff, (r) => r.name, (r, first) =>
    flag('staff', r, 'name', 'error', 'duplicate-row', r.name, { zh: `姓名重复（第 ${first.source.row} 行已有）`, en: `duplicate name (already on row ${first.source.row})` }));
  duplicates(records.skus, (r) => r.sku, (r, first) =>
    flag('skus', r, 'sku', 'error', 'duplicate-row', r.sku, { zh: `货号重复（第 ${first.source.row} 行已有）`, en: `duplicate SKU (already on row ${first.source.row})` }));
  duplicates(records.shipments, (r) => `${r.order_id}\u0000${r.sku}`, (r, first) =>
    flag('shipments', r, 'sku', 'error', 'duplicate-row', r.sku, {
      zh: `订单 ${r.order_id} 的货号 ${r.sku} 重复（${at(first.source)}已有）`,
      en: `order ${r.order_id} has SKU ${r.sku} twice (already at ${at(first.source)})`,
    }));
  duplicates(records.stock_counts, (r) => `${r.sku}\u0000${r.counted_at}\u0000${r.location ?? ''}`, (r, first) =>
    flag('stock_counts', r, 'sku', 'error', 'duplicate-row', r.sku, {
      zh: `货号 ${r.sku} 在 ${formatWall(r.counted_at)} 库位「${r.location ?? ''}」重复盘点（${at(first.source)}已有）`,
      en: `SKU ${r.sku} counted twice at ${formatWall(r.counted_at)} location "${r.location ?? ''}" (already at ${at(first.source)})`,
    }));

  const people = new Set(records.staff.filter((r) => !bad.has(r)).map((r) => r.name));
  if (people.size > 0) {
    const unknown = (log: LogKey, rec: Ref, column: string, name: string | undefined, severity: Severity) => {
      if (name !== undefined && !people.has(name)) {
        flag(log, rec, column, severity, 'unknown-staff', name, notInStaffList(name));
      }
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

  const known = new Set(records.skus.filter((r) => !bad.has(r)).map((r) => r.sku));
  if (known.size > 0) {
    const unknown = (log: LogKey, rec: Ref, sku: string | undefined) => {
      if (sku !== undefined && !known.has(sku)) {
        flag(log, rec, 'sku', 'error', 'unknown-sku', sku, { zh: `货号「${sku}」不在商品档案中`, en: `SKU "${sku}" is not in the product master` });
      }
    };
    for (const r of records.shipments) unknown('shipments', r, r.sku);
    for (const r of records.returns) unknown('returns', r, r.sku);
    for (const r of records.inbound) unknown('inbound', r, r.sku);
    for (const r of records.stock_counts) unknown('stock_counts', r, r.sku);
  }

  if (incidentRules) {
    for (const r of records.incidents) {
      const points = incidentRules.get(r.rule.toUpperCase());
      if (points === undefined) {
        flag('incidents', r, 'rule', 'error', 'unknown-rule', r.rule, {
          zh: `「${r.rule}」不是可登记的条款编号`,
          en: `"${r.rule}" is not a rule code that incidents may name`,
        });
      } else if (typeof points !== 'number') {
        const [min, max] = points;
        if (r.points === undefined) {
          flag('incidents', r, 'points', 'error', 'required-value', '', { zh: `条款 ${r.rule} 须填扣分（${min}–${max}）`, en: `rule ${r.rule} needs points (${min}–${max})` });
        } else if (r.points < min || r.points > max) {
          flag('incidents', r, 'points', 'error', 'constraint-error', r.points, {
            zh: `扣分 ${r.points} 不在条款 ${r.rule} 的范围 ${min}–${max} 内`,
            en: `points ${r.points} outside rule ${r.rule}'s range ${min}–${max}`,
          });
        }
      } else if (r.points !== undefined && r.points !== points) {
        flag('incidents', r, 'points', 'warning', 'constraint-error', r.points, {
          zh: `条款 ${r.rule} 固定扣 ${points} 分，按 ${points} 分计（填写的是 ${r.points}）`,
          en: `rule ${r.rule} is worth ${points} points; ${points} apply (${r.points} was entered)`,
        });
      }
    }
  }

  const excluded = new Map<string, number>();
  if (bad.size > 0) {
    for (const key of Object.keys(records) as LogKey[]) {
      (records[key] as Ref[]) = (records[key] as Ref[]).filter((r) => !bad.has(r));
    }
    for (const r of bad) {
      const k = `${r.source.file}\u0000${r.source.sheet}`;
      excluded.set(k, (excluded.get(k) ?? 0) + 1);
    }
  }
  return excluded;
}

export const notInStaffList = (name: string): Bilingual => ({ zh: `「${name}」不在人员名单中`, en: `"${name}" is not in the staff list` });

const at = (s: Source) => `${s.sheet} 第 ${s.row} 行`;

/** Calls `onDuplicate` for every record whose key an earlier record already has. */
function duplicates<T extends Ref>(rows: T[], key: (r: T) => string, onDuplicate: (r: T, first: T) => void) {
  const first = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const f = first.get(k);
    if (f) onDuplicate(r, f);
    else first.set(k, r);
  }
}
