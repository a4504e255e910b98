/** Inline ledgers for the inventory tests: typed records with a `source`, in a few keystrokes. */
import type { Source } from '../../src/core/issues.js';
import { endOfDay, parseDateText, type Wall } from '../../src/core/time.js';
import type { Inbound, Return, Shipment, Sku, StockCount } from '../../src/logs/declarations.js';
import type { InventoryRecords } from '../../src/inventory/ledger.js';

let nextRow = 1;
/** A fresh source row in the named file (rows count up across the test file, like a spreadsheet). */
export function src(file: string, row?: number): Source {
  return { file, sheet: 'Sheet1', row: row ?? ++nextRow };
}

/** `2024-05-20 10:00` → wall time; a bare date is 00:00:00 (a movement's reading of it). */
export function at(text: string): Wall {
  const parsed = parseDateText(text);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return parsed.t;
}

/** A count's reading of a date: a bare date is 23:59:59 of that day. */
export function countAt(text: string): Wall {
  const parsed = parseDateText(text);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return parsed.hasTime ? parsed.t : endOfDay(parsed.t);
}

export function sku(code: string, o: Partial<Omit<Sku, 'opening_date'>> & { opening_date?: string | Wall } = {}): Sku {
  const { opening_date, ...rest } = o;
  return {
    sku: code,
    name: `品名${code}`,
    spec: undefined,
    unit_cost: 10,
    safety_stock: 0,
    max_stock: undefined,
    opening_qty: 0,
    status: '在售',
    ...rest,
    opening_date: typeof opening_date === 'number' ? opening_date : at(opening_date ?? '2024-01-01'),
    source: rest.source ?? src('skus.xlsx'),
  };
}

export function inbound(code: string, when: string, qty: number, o: Partial<Inbound> = {}): Inbound {
  return {
    received_at: at(when),
    receipt_no: undefined,
    sku: code,
    qty,
    unit_cost: undefined,
    staff: undefined,
    ...o,
    source: o.source ?? src('inbound.xlsx'),
  };
}

/** A shipped order line; `when` undefined = not shipped. */
export function ship(code: string, when: string | undefined, qty: number, o: Partial<Shipment> = {}): Shipment {
  const shipped = when === undefined ? undefined : at(when);
  return {
    order_id: `O${nextRow}`,
    completed_at: shipped ?? at('2024-01-01'),
    shipped_at: shipped,
    sku: code,
    qty,
    staff: '张三',
    carrier: undefined,
    tracking_no: shipped === undefined ? undefined : 'SF1',
    exempt: false,
    exempt_reason: undefined,
    ...o,
    source: o.source ?? src('shipments.xlsx'),
  };
}

/** A return received at `when` (undefined = not back yet); type 退货 and condition 完好 unless told. */
export function ret(code: string | undefined, when: string | undefined, qty: number | undefined, o: Partial<Return> = {}): Return {
  const received = when === undefined ? undefined : at(when);
  return {
    order_id: `R${nextRow}`,
    type: '退货',
    sku: code,
    qty,
    requested_at: received ?? at('2024-01-01'),
    registered_at: received,
    staff: '张三',
    received_at: received,
    condition: '完好',
    refund_amount: undefined,
    reason: undefined,
    exempt: false,
    exempt_reason: undefined,
    ...o,
    source: o.source ?? src('returns.xlsx'),
  };
}

/** A count row; a bare date is 23:59:59 of that day. */
export function count(code: string, when: string, qty: number, o: Partial<StockCount> = {}): StockCount {
  return {
    counted_at: countAt(when),
    sku: code,
    location: undefined,
    counted_qty: qty,
    system_qty: undefined,
    counter: undefined,
    note: undefined,
    ...o,
    source: o.source ?? src('counts.xlsx'),
  };
}

/** The five inventory logs, empty unless given. */
export function records(r: Partial<InventoryRecords>): InventoryRecords {
  return { skus: [], inbound: [], shipments: [], returns: [], stock_counts: [], ...r };
}
