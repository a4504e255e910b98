/**
 * The daily stock check (`ecops stock --date`): the book of every SKU at the end of a day, from the replayed
 * ledger (counts included), and what the warehouse must act on that day: SKUs at or under 警戒库存 to reorder,
 * SKUs out of stock or short of the orders already paid for (to delist or chase), 过季 stock still on sale.
 */
import type { Issue } from '../core/issues.js';
import { DAY, SECOND, parseDateText } from '../core/time.js';
import { buildLedger, type InventoryRecords, type Ledger, type Period, type SkuStatus } from './ledger.js';

export interface StockLine {
  sku: string;
  name: string;
  spec: string | undefined;
  book: number;
  safetyStock: number;
  maxStock: number | undefined;
  status: SkuStatus;
  /** Quantity of order lines completed (paid) by the day's end and not shipped by then. */
  waiting: number;
}

export interface StockReorder extends Pick<StockLine, 'sku' | 'name' | 'spec' | 'book' | 'safetyStock' | 'maxStock'> {
  /** max(0, (max_stock, or 2 × 警戒库存) − book). */
  suggested: number;
}

export interface StockShortage {
  sku: string;
  name: string;
  spec: string | undefined;
  book: number;
  waiting: number;
  /** The orders waiting for it, in input order, each once. */
  openOrders: string[];
}

export interface StockDelist {
  sku: string;
  name: string;
  spec: string | undefined;
  book: number;
  reason: '过季';
}

export interface StockResult {
  /** The day, 00:00:00 to 23:59:59. */
  day: Period;
  /** Every SKU on the books by the day's end, in product-master order. */
  lines: StockLine[];
  reorder: StockReorder[];
  shortages: StockShortage[];
  delist: StockDelist[];
  /** The ledger's issues; the loader's are the caller's. */
  issues: Issue[];
}

/** `YYYY-MM-DD` → that day; undefined when malformed. */
export function parseDay(text: string): Period | undefined {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDateText(text) : undefined;
  return day ? { start: day.t, end: day.t + DAY - SECOND, label: text } : undefined;
}

/** The target a reorder fills up to: max_stock, or twice the 警戒库存 when no max is set. */
export function reorderTarget(safetyStock: number, maxStock: number | undefined): number {
  return maxStock ?? 2 * safetyStock;
}

export function stockOnLedger(ledger: Ledger, records: Pick<InventoryRecords, 'shipments'>, day: Period): StockResult {
  const end = day.end;
  // Order lines paid by the day's end and not shipped by then, per SKU.
  const open = new Map<string, { qty: number; orders: Set<string> }>();
  for (const s of records.shipments) {
    if (s.completed_at > end || (s.shipped_at !== undefined && s.shipped_at <= end)) continue;
    const entry = open.get(s.sku) ?? { qty: 0, orders: new Set<string>() };
    entry.qty += s.qty;
    entry.orders.add(s.order_id);
    open.set(s.sku, entry);
  }

  const out: StockResult = { day, lines: [], reorder: [], shortages: [], delist: [], issues: [...ledger.issues] };
  for (const s of ledger.skus) {
    if (s.openingAt > end) continue;
    const { sku } = s;
    const book = s.bookAt(end);
    const waiting = open.get(s.code);
    const base = { sku: s.code, name: sku.name, spec: sku.spec };
    out.lines.push({ ...base, book, safetyStock: s.safetyStock, maxStock: sku.max_stock, status: s.status, waiting: waiting?.qty ?? 0 });
    if (s.status === '在售' && s.safetyStock > 0 && book <= s.safetyStock) {
      const suggested = Math.max(0, reorderTarget(s.safetyStock, sku.max_stock) - book);
      out.reorder.push({ ...base, book, safetyStock: s.safetyStock, maxStock: sku.max_stock, suggested });
    }
    // A SKU already 下架 with nobody waiting for it is not news.
    const short = book < (waiting?.qty ?? 0) || (book <= 0 && (s.status !== '下架' || waiting !== undefined));
    if (short) out.shortages.push({ ...base, book, waiting: waiting?.qty ?? 0, openOrders: [...(waiting?.orders ?? [])] });
    if (s.status === '过季' && book > 0) out.delist.push({ ...base, book, reason: '过季' });
  }
  return out;
}

/** Builds the ledger from the records and takes the stock at the end of the day. */
export function stockOn(records: InventoryRecords, day: Period): StockResult {
  return stockOnLedger(buildLedger(records), records, day);
}

/** The `stock` JSON, without `issues` (the caller appends them, rendered in its language). */
export interface StockJson {
  date: string;
  lines: { sku: string; book: number; safetyStock: number; status: SkuStatus }[];
  reorder: { sku: string; book: number; safetyStock: number; suggested: number }[];
  shortages: { sku: string; book: number; openOrders: string[] }[];
  delist: { sku: string; reason: '过季' }[];
}

export function stockJson(r: StockResult): StockJson {
  return {
    date: r.day.label,
    lines: r.lines.map((l) => ({ sku: l.sku, book: l.book, safetyStock: l.safetyStock, status: l.status })),
    reorder: r.reorder.map((l) => ({ sku: l.sku, book: l.book, safetyStock: l.safetyStock, suggested: l.suggested })),
    shortages: r.shortages.map((l) => ({ sku: l.sku, book: l.book, openOrders: l.openOrders })),
    delist: r.delist.map((l) => ({ sku: l.sku, reason: l.reason })),
  };
}
