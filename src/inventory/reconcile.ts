/**
 * The weekly stock-count reconciliation of docs/outputs.md#inventory (盘点差异表, 进货建议, 下架通知) and its JSON (docs/outputs.md#json-reconcile).
 */
import type { Issue, Source } from '../core/issues.js';
import { formatWall, type Wall } from '../core/time.js';
import { buildLedger, type CountEvent, type InventoryRecords, type Ledger, type Period, type SkuLedger, type SkuStatus } from './ledger.js';
import { fenToNumber, lineAmount, type Fen } from './money.js';
import { reorderTarget } from './stock.js';

export type { Period };

export interface ReconcileOptions {
  period: Period;
  /** A count whose |variance| ≤ tolerance (a quantity) is 一致. Default 0. */
  tolerance?: number;
}

export type CountResult = '一致' | '盘盈' | '盘亏';

export interface ReconcileLine {
  sku: string;
  name: string;
  spec: string | undefined;
  countedAt: Wall;
  /** The book just before the count. */
  book: number;
  counted: number;
  /** counted − book. */
  variance: number;
  /** variance × unit_cost, in fen (signed). */
  varianceValue: Fen;
  /** variance / book (a fraction, −0.05 = −5 %); undefined when book is 0. */
  varianceRate: number | undefined;
  result: CountResult;
  systemQty: number | undefined;
  /** system_qty − counted, when system_qty is given. */
  shopDifference: number | undefined;
  /** What the count rows say, each value once, in row order: where it was counted, by whom, and their notes. */
  locations: string[];
  counters: string[];
  notes: string[];
  /** The count's rows (one per location). */
  sources: Source[];
}

export interface NotCountedLine {
  sku: string;
  name: string;
  spec: string | undefined;
  status: SkuStatus;
  /** The book at the period's end, for reference. */
  book: number;
}

export interface ReorderLine {
  sku: string;
  name: string;
  spec: string | undefined;
  countedAt: Wall;
  counted: number;
  safetyStock: number;
  maxStock: number | undefined;
  /** What the suggestion fills up to: max_stock, or 2 × 警戒库存. */
  target: number;
  suggested: number;
}

export type DelistReason = '缺货' | '过季';

export interface DelistLine {
  sku: string;
  name: string;
  spec: string | undefined;
  status: SkuStatus;
  countedAt: Wall;
  counted: number;
  systemQty: number | undefined;
  reason: DelistReason;
  /** Out of stock while the shop still shows some (system_qty > 0): it can sell what is not there. */
  urgent: boolean;
}

/** Gains and losses apart, by the sign of each count's variance (what the books take), and their net. */
export interface ReconcileTotals {
  gains: number;
  gainsValue: Fen;
  losses: number;
  lossesValue: Fen;
  net: number;
  netValue: Fen;
}

export interface ReconcileResult {
  period: Period;
  tolerance: number;
  /** One per SKU and count in the period: SKUs in product-master order, counts in time order. */
  lines: ReconcileLine[];
  notCounted: NotCountedLine[];
  reorder: ReorderLine[];
  delist: DelistLine[];
  totals: ReconcileTotals;
  /** The ledger's issues (unknown SKUs, rows before opening); the loader's are the caller's. */
  issues: Issue[];
}

function resultOf(variance: number, tolerance: number): CountResult {
  if (Math.abs(variance) <= tolerance) return '一致';
  return variance > 0 ? '盘盈' : '盘亏';
}

function lineOf(s: SkuLedger, c: CountEvent, tolerance: number): ReconcileLine {
  return {
    sku: s.code,
    name: s.sku.name,
    spec: s.sku.spec,
    countedAt: c.at,
    book: c.book,
    counted: c.counted,
    variance: c.variance,
    varianceValue: lineAmount(c.variance, s.costUnits),
    varianceRate: c.book === 0 ? undefined : c.variance / c.book,
    result: resultOf(c.variance, tolerance),
    systemQty: c.systemQty,
    shopDifference: c.systemQty === undefined ? undefined : c.systemQty - c.counted,
    locations: distinct(c.rows.map((r) => r.location)),
    counters: distinct(c.rows.map((r) => r.counter)),
    notes: distinct(c.rows.map((r) => r.note)),
    sources: c.rows.map((r) => r.source),
  };
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))];
}

/** Reconciles the counts of a period against a ledger already built. */
export function reconcileLedger(ledger: Ledger, options: ReconcileOptions): ReconcileResult {
  const { period } = options;
  const tolerance = options.tolerance ?? 0;
  if (!(tolerance >= 0)) throw new RangeError(`tolerance ${tolerance} must be ≥ 0`);
  const totals: ReconcileTotals = { gains: 0, gainsValue: 0, losses: 0, lossesValue: 0, net: 0, netValue: 0 };
  const out: ReconcileResult = { period, tolerance, lines: [], notCounted: [], reorder: [], delist: [], totals, issues: [...ledger.issues] };

  for (const s of ledger.skus) {
    const { sku } = s;
    const counts = s.countsIn(period.start, period.end);
    for (const c of counts) {
      const line = lineOf(s, c, tolerance);
      out.lines.push(line);
      if (line.variance > 0) {
        totals.gains += line.variance;
        totals.gainsValue += line.varianceValue;
      } else if (line.variance < 0) {
        totals.losses -= line.variance;
        totals.lossesValue -= line.varianceValue;
      }
    }

    const last = counts.at(-1);
    if (last === undefined) {
      // A SKU whose ledger starts after the period could not have been counted in it.
      const book = s.bookAt(period.end);
      if (s.openingAt <= period.end && (s.status === '在售' || book !== 0)) {
        out.notCounted.push({ sku: s.code, name: sku.name, spec: sku.spec, status: s.status, book });
      }
      continue;
    }

    if (s.status === '在售' && s.safetyStock > 0 && last.counted <= s.safetyStock) {
      const target = reorderTarget(s.safetyStock, sku.max_stock);
      out.reorder.push({
        sku: s.code,
        name: sku.name,
        spec: sku.spec,
        countedAt: last.at,
        counted: last.counted,
        safetyStock: s.safetyStock,
        maxStock: sku.max_stock,
        target,
        suggested: Math.max(0, target - last.counted),
      });
    }

    if (s.status !== '下架') {
      const reason: DelistReason | undefined = last.counted === 0 ? '缺货' : s.status === '过季' ? '过季' : undefined;
      if (reason !== undefined) {
        out.delist.push({
          sku: s.code,
          name: sku.name,
          spec: sku.spec,
          status: s.status,
          countedAt: last.at,
          counted: last.counted,
          systemQty: last.systemQty,
          reason,
          urgent: reason === '缺货' && (last.systemQty ?? 0) > 0,
        });
      }
    }
  }
  totals.net = totals.gains - totals.losses;
  totals.netValue = totals.gainsValue - totals.lossesValue;
  return out;
}

/** Builds the ledger from the records and reconciles the period (docs/outputs.md#reconcile-workbook). */
export function reconcile(records: InventoryRecords, options: ReconcileOptions): ReconcileResult {
  return reconcileLedger(buildLedger(records), options);
}

/** the `reconcile` JSON (docs/outputs.md#json-reconcile), without `issues` (the caller appends them, rendered in its language). */
export interface ReconcileJson {
  period: string;
  lines: {
    sku: string;
    countedAt: string;
    book: number;
    counted: number;
    variance: number;
    varianceValue: number;
    systemQty: number | null;
  }[];
  notCounted: string[];
  reorder: { sku: string; counted: number; safetyStock: number; suggested: number }[];
  delist: { sku: string; reason: DelistReason; urgent: boolean }[];
}

export function reconcileJson(result: ReconcileResult): ReconcileJson {
  return {
    period: result.period.label,
    lines: result.lines.map((l) => ({
      sku: l.sku,
      countedAt: formatWall(l.countedAt),
      book: l.book,
      counted: l.counted,
      variance: l.variance,
      varianceValue: fenToNumber(l.varianceValue),
      systemQty: l.systemQty ?? null,
    })),
    notCounted: result.notCounted.map((n) => n.sku),
    reorder: result.reorder.map((r) => ({ sku: r.sku, counted: r.counted, safetyStock: r.safetyStock, suggested: r.suggested })),
    delist: result.delist.map((d) => ({ sku: d.sku, reason: d.reason, urgent: d.urgent })),
  };
}
