/**
 * The stock ledger of SPEC §4, per SKU: the opening balance at 00:00 of opening_date, then movements
 * (inbound +, shipped −, restocked returns +, damaged returns 0) and stock counts, which are balance
 * assertions: a count SETS the book and posts the difference (counted − book just before) as a gain or a
 * loss. At one instant, movements apply before counts.
 *
 * Built once from typed records (sorted per SKU, indexed by SKU), then queried: the book at an instant,
 * the events of a period, the results of the counts.
 */
import { type Issue, type Source } from '../core/issues.js';
import { formatDate, formatWall, type Wall } from '../core/time.js';
import { LOGS, type Inbound, type Records, type Return, type Shipment, type Sku, type StockCount } from '../logs/declarations.js';
import { toCostUnits, type CostUnits } from './money.js';

/** The logs the ledger reads; a full `Records` will do. */
export type InventoryRecords = Pick<Records, 'skus' | 'inbound' | 'shipments' | 'returns' | 'stock_counts'>;

export type SkuStatus = '在售' | '过季' | '下架';

/** A stretch of time, both ends included; `label` names it (`2024-W21`, `2024-05-20`, `2024-05`). */
export interface Period {
  start: Wall;
  end: Wall;
  label: string;
}

interface EventBase {
  at: Wall;
  /** Signed change of the book: +inbound, −shipped, +restocked, 0 for a damaged return, the variance for a count. */
  delta: number;
  /** The book right after this event. */
  balance: number;
}

export interface InboundEvent extends EventBase {
  kind: 'inbound';
  qty: number;
  source: Source;
  record: Inbound;
}

export interface ShipmentEvent extends EventBase {
  kind: 'shipment';
  qty: number;
  source: Source;
  record: Shipment;
}

/** A 退货/换货 received in condition 完好: back on the shelf. */
export interface ReturnEvent extends EventBase {
  kind: 'return';
  qty: number;
  source: Source;
  record: Return;
}

/** A 退货/换货 received 破损: moves no stock, is a loss line (退货破损). */
export interface DamagedReturnEvent extends EventBase {
  kind: 'damaged-return';
  qty: number;
  source: Source;
  record: Return;
}

export type MovementEvent = InboundEvent | ShipmentEvent | ReturnEvent | DamagedReturnEvent;

/** One count: the rows of one SKU with the same counted_at, summed over locations. */
export interface CountEvent extends EventBase {
  kind: 'count';
  sku: string;
  /** The book just before the count (after every movement at the same instant). */
  book: number;
  counted: number;
  /** counted − book; also `delta`. */
  variance: number;
  /** Sum of system_qty over the rows that give it; undefined when none does. */
  systemQty: number | undefined;
  /** The count's rows, in input order. */
  rows: StockCount[];
  /** The first row's source. */
  source: Source;
}

export type LedgerEvent = MovementEvent | CountEvent;

/** The SKU's status; blank is 在售 (SPEC §1.4). */
export function statusOf(sku: Sku): SkuStatus {
  return sku.status === '过季' || sku.status === '下架' ? sku.status : '在售';
}

/** Index of the first event with at > t (events sorted by at). */
function upperBound(events: readonly LedgerEvent[], t: Wall): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first event with at ≥ t. */
function lowerBound(events: readonly LedgerEvent[], t: Wall): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The ledger of one SKU. */
export class SkuLedger {
  readonly code: string;
  readonly costUnits: CostUnits;
  readonly status: SkuStatus;
  readonly safetyStock: number;
  /** 00:00 of opening_date: the ledger starts here with openingQty. */
  readonly openingAt: Wall;
  readonly openingQty: number;
  /** Every event, sorted by instant (movements before counts at one instant, else input order). */
  readonly events: readonly LedgerEvent[];
  /** The counts alone, sorted by instant. */
  readonly counts: readonly CountEvent[];

  constructor(
    readonly sku: Sku,
    events: LedgerEvent[],
  ) {
    this.code = sku.sku;
    this.costUnits = toCostUnits(sku.unit_cost);
    this.status = statusOf(sku);
    this.safetyStock = sku.safety_stock ?? 0;
    this.openingAt = sku.opening_date;
    this.openingQty = sku.opening_qty;
    this.events = events;
    this.counts = events.filter((e): e is CountEvent => e.kind === 'count');
  }

  /**
   * The book at instant t, every event at t included. Before opening_date the SKU is not on the books
   * yet: 0.
   */
  bookAt(t: Wall): number {
    if (t < this.openingAt) return 0;
    const i = upperBound(this.events, t);
    return i === 0 ? this.openingQty : this.events[i - 1].balance;
  }

  /**
   * The book just before instant t (no event at t applied). The opening balance counts as posted at
   * 00:00 of opening_date, so at or before that instant this is 0.
   */
  bookBefore(t: Wall): number {
    if (t <= this.openingAt) return 0;
    const i = lowerBound(this.events, t);
    return i === 0 ? this.openingQty : this.events[i - 1].balance;
  }

  /** Events with start ≤ at ≤ end, in ledger order. */
  eventsIn(start: Wall, end: Wall): LedgerEvent[] {
    return this.events.slice(lowerBound(this.events, start), upperBound(this.events, end));
  }

  /** Counts with start ≤ at ≤ end, in order. */
  countsIn(start: Wall, end: Wall): CountEvent[] {
    return this.counts.slice(lowerBound(this.counts, start), upperBound(this.counts, end));
  }
}

export interface Ledger {
  /** One per SKU of the product master, in its order. */
  readonly skus: readonly SkuLedger[];
  get(code: string): SkuLedger | undefined;
  /** Rows left out of the ledger: unknown SKUs, movements and counts before opening_date. */
  readonly issues: readonly Issue[];
}

const HEADERS = {
  sku: LOGS.skus.columns.sku.header,
  inbound: LOGS.inbound.columns.received_at.header,
  shipment: LOGS.shipments.columns.shipped_at.header,
  return: LOGS.returns.columns.received_at.header,
  count: LOGS.stock_counts.columns.counted_at.header,
};

type Kind = keyof typeof HEADERS;

const KIND_NAMES: Record<Exclude<Kind, 'sku'>, { zh: string; en: string }> = {
  inbound: { zh: '入库', en: 'inbound' },
  shipment: { zh: '发货', en: 'shipment' },
  return: { zh: '退货入库', en: 'return' },
  count: { zh: '盘点', en: 'stock count' },
};

function unknownSku(source: Source, code: string, kind: Exclude<Kind, 'sku'>): Issue {
  return {
    severity: 'error',
    code: 'unknown-sku',
    file: source.file,
    sheet: source.sheet,
    row: source.row,
    column: HEADERS.sku,
    value: code,
    message: {
      zh: `货号「${code}」不在商品档案中，该${KIND_NAMES[kind].zh}行未计入库存`,
      en: `sku "${code}" is not in the product master; this ${KIND_NAMES[kind].en} row is left out of the stock ledger`,
    },
  };
}

function beforeOpening(source: Source, sku: Sku, at: Wall, kind: Exclude<Kind, 'sku'>): Issue {
  return {
    severity: 'error',
    code: 'order-error',
    file: source.file,
    sheet: source.sheet,
    row: source.row,
    column: HEADERS[kind],
    value: formatWall(at),
    message: {
      zh: `${HEADERS[kind]} ${formatWall(at)} 早于货号「${sku.sku}」的期初日期 ${formatDate(sku.opening_date)}，该行未计入库存`,
      en: `${KIND_NAMES[kind].en} at ${formatWall(at)} is before the opening date ${formatDate(sku.opening_date)} of sku "${sku.sku}"; the row is left out of the stock ledger`,
    },
  };
}

function duplicateSku(sku: Sku): Issue {
  return {
    severity: 'error',
    code: 'duplicate-row',
    file: sku.source.file,
    sheet: sku.source.sheet,
    row: sku.source.row,
    column: HEADERS.sku,
    value: sku.sku,
    message: {
      zh: `货号「${sku.sku}」在商品档案中重复，以第一行为准`,
      en: `sku "${sku.sku}" is listed twice in the product master; the first row is used`,
    },
  };
}

interface Pending {
  sku: Sku;
  movements: MovementEvent[];
  countRows: StockCount[];
}

const byInstant = (a: { at: Wall }, b: { at: Wall }) => a.at - b.at;
const byCountedAt = (a: StockCount, b: StockCount) => a.counted_at - b.counted_at;

/** Sorted movements + count rows → the SKU's events with balances. */
function assemble(p: Pending): LedgerEvent[] {
  const movements = p.movements.sort(byInstant); // stable: input order at equal instants
  const rows = p.countRows.sort(byCountedAt);
  const events: LedgerEvent[] = new Array(movements.length);
  let n = 0;
  let book = p.sku.opening_qty;
  let m = 0;
  let r = 0;
  while (m < movements.length || r < rows.length) {
    // At equal instants movements go first.
    if (r >= rows.length || (m < movements.length && movements[m].at <= rows[r].counted_at)) {
      const e = movements[m++];
      book += e.delta;
      e.balance = book;
      events[n++] = e;
      continue;
    }
    const at = rows[r].counted_at;
    const group: StockCount[] = [];
    let counted = 0;
    let systemQty: number | undefined;
    while (r < rows.length && rows[r].counted_at === at) {
      const row = rows[r++];
      group.push(row);
      counted += row.counted_qty;
      if (row.system_qty !== undefined) systemQty = (systemQty ?? 0) + row.system_qty;
    }
    const variance = counted - book;
    events[n++] = {
      kind: 'count',
      sku: p.sku.sku,
      at,
      book,
      counted,
      variance,
      delta: variance,
      balance: counted,
      systemQty,
      rows: group,
      source: group[0].source,
    };
    book = counted;
  }
  events.length = n;
  return events;
}

/**
 * Builds every SKU's ledger. Rows of SKUs not in the product master (`unknown-sku`) and rows dated before
 * their SKU's opening_date (`order-error`) are errors, reported and left out. Unshipped shipment lines,
 * returns not yet received, 退款 rows and returns without a sku move nothing and are not looked at.
 */
export function buildLedger(records: InventoryRecords): Ledger {
  const issues: Issue[] = [];
  const pending = new Map<string, Pending>();
  for (const sku of records.skus) {
    if (pending.has(sku.sku)) issues.push(duplicateSku(sku));
    else pending.set(sku.sku, { sku, movements: [], countRows: [] });
  }

  const target = (code: string, at: Wall, source: Source, kind: Exclude<Kind, 'sku'>): Pending | undefined => {
    const p = pending.get(code);
    if (p === undefined) {
      issues.push(unknownSku(source, code, kind));
      return undefined;
    }
    if (at < p.sku.opening_date) {
      issues.push(beforeOpening(source, p.sku, at, kind));
      return undefined;
    }
    return p;
  };

  for (const rec of records.inbound) {
    const p = target(rec.sku, rec.received_at, rec.source, 'inbound');
    p?.movements.push({ kind: 'inbound', at: rec.received_at, qty: rec.qty, delta: rec.qty, balance: 0, source: rec.source, record: rec });
  }
  for (const rec of records.shipments) {
    if (rec.shipped_at === undefined) continue;
    const p = target(rec.sku, rec.shipped_at, rec.source, 'shipment');
    p?.movements.push({ kind: 'shipment', at: rec.shipped_at, qty: rec.qty, delta: -rec.qty, balance: 0, source: rec.source, record: rec });
  }
  for (const rec of records.returns) {
    if (rec.type === '退款' || rec.received_at === undefined || !rec.sku || rec.qty === undefined) continue;
    const p = target(rec.sku, rec.received_at, rec.source, 'return');
    if (p === undefined) continue;
    const damaged = rec.condition === '破损';
    p.movements.push({
      kind: damaged ? 'damaged-return' : 'return',
      at: rec.received_at,
      qty: rec.qty,
      delta: damaged ? 0 : rec.qty,
      balance: 0,
      source: rec.source,
      record: rec,
    });
  }
  for (const rec of records.stock_counts) {
    target(rec.sku, rec.counted_at, rec.source, 'count')?.countRows.push(rec);
  }

  const skus: SkuLedger[] = [];
  const index = new Map<string, SkuLedger>();
  for (const p of pending.values()) {
    const ledger = new SkuLedger(p.sku, assemble(p));
    skus.push(ledger);
    index.set(ledger.code, ledger);
  }
  return { skus, get: (code) => index.get(code), issues };
}
