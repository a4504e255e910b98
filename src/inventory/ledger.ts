/**
 * The stock ledger of docs/outputs.md#inventory, per SKU: the opening balance at 00:00 of opening_date, then movements
 * (inbound +, shipped −, restocked returns +, damaged returns 0) and stock counts, which are balance
 * assertions: a count SETS the book and posts the difference (counted − book just before) as a gain or a
 * loss. At one instant, movements apply before counts.
 *
 * Built once from typed records, then queried: the book at an instant, the events of a period, the
 * results of the counts. Events are kept in flat typed arrays, one contiguous sorted slice per SKU, and
 * turned into objects only when a query asks for them: a year of weekly counts of 20,000 SKUs plus
 * hundreds of thousands of shipment lines then builds without creating a million objects.
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

/** The SKU's status; blank is 在售 (docs/inputs.md#logs). */
export function statusOf(sku: Sku): SkuStatus {
  return sku.status === '过季' || sku.status === '下架' ? sku.status : '在售';
}

// Event kinds in the store. Counts sort after movements at one instant.
const INBOUND = 0;
const SHIPMENT = 1;
const RETURN = 2;
const DAMAGED = 3;
const COUNT = 4;

/**
 * Every SKU's events, flat; SKU i owns the slots [from, to). Rows are named by a *row id*: the inbound
 * rows first, then shipments, returns and stock counts, each in input order.
 */
interface Store {
  at: Float64Array;
  kind: Uint8Array;
  delta: Float64Array;
  balance: Float64Array;
  /** Movements: the row id. Counts: where its rows start in countRows. */
  ref: Int32Array;
  /** Counts: how many rows (locations) it sums. */
  rowCount: Int32Array;
  /** Counts: summed system_qty, NaN when no row gives it. */
  systemQty: Float64Array;
  /** Row ids of the counts' rows, grouped by count. */
  countRows: Int32Array;
  rows: RowIds;
}

/** Row id ↔ record. */
class RowIds {
  readonly shipmentsFrom: number;
  readonly returnsFrom: number;
  readonly countsFrom: number;
  readonly total: number;
  constructor(readonly records: InventoryRecords) {
    this.shipmentsFrom = records.inbound.length;
    this.returnsFrom = this.shipmentsFrom + records.shipments.length;
    this.countsFrom = this.returnsFrom + records.returns.length;
    this.total = this.countsFrom + records.stock_counts.length;
  }
  inbound(id: number): Inbound {
    return this.records.inbound[id];
  }
  shipment(id: number): Shipment {
    return this.records.shipments[id - this.shipmentsFrom];
  }
  return(id: number): Return {
    return this.records.returns[id - this.returnsFrom];
  }
  count(id: number): StockCount {
    return this.records.stock_counts[id - this.countsFrom];
  }
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

  /** @internal built by buildLedger */
  constructor(
    readonly sku: Sku,
    private readonly store: Store,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.code = sku.sku;
    this.costUnits = toCostUnits(sku.unit_cost);
    this.status = statusOf(sku);
    this.safetyStock = sku.safety_stock ?? 0;
    this.openingAt = sku.opening_date;
    this.openingQty = sku.opening_qty;
  }

  /** Number of events (a count over several locations is one). */
  get size(): number {
    return this.to - this.from;
  }

  /**
   * Every event, sorted by instant (movements before counts at one instant, else input order). Like every
   * query below, it builds fresh objects: ask for a period rather than everything when there is a lot.
   */
  get events(): LedgerEvent[] {
    return this.materialize(this.from, this.to, false);
  }

  /** The counts alone, sorted by instant. */
  get counts(): CountEvent[] {
    return this.materialize(this.from, this.to, true) as CountEvent[];
  }

  /** First slot with at > t. */
  private upper(t: Wall): number {
    const at = this.store.at;
    let lo = this.from;
    let hi = this.to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First slot with at ≥ t. */
  private lower(t: Wall): number {
    const at = this.store.at;
    let lo = this.from;
    let hi = this.to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The book at instant t, every event at t included. Before opening_date the SKU is not on the books: 0. */
  bookAt(t: Wall): number {
    if (t < this.openingAt) return 0;
    const i = this.upper(t);
    return i === this.from ? this.openingQty : this.store.balance[i - 1];
  }

  /**
   * The book just before instant t (no event at t applied). The opening balance counts as posted at
   * 00:00 of opening_date, so at or before that instant this is 0.
   */
  bookBefore(t: Wall): number {
    if (t <= this.openingAt) return 0;
    const i = this.lower(t);
    return i === this.from ? this.openingQty : this.store.balance[i - 1];
  }

  /** Events with start ≤ at ≤ end, in ledger order. */
  eventsIn(start: Wall, end: Wall): LedgerEvent[] {
    return this.materialize(this.lower(start), this.upper(end), false);
  }

  /** Counts with start ≤ at ≤ end, in order. */
  countsIn(start: Wall, end: Wall): CountEvent[] {
    return this.materialize(this.lower(start), this.upper(end), true) as CountEvent[];
  }

  private materialize(lo: number, hi: number, countsOnly: boolean): LedgerEvent[] {
    const s = this.store;
    const out: LedgerEvent[] = [];
    for (let i = lo; i < hi; i++) {
      const kind = s.kind[i];
      if (countsOnly && kind !== COUNT) continue;
      const base = { at: s.at[i], delta: s.delta[i], balance: s.balance[i] };
      const ref = s.ref[i];
      if (kind === COUNT) {
        const rows: StockCount[] = [];
        for (let k = ref; k < ref + s.rowCount[i]; k++) rows.push(s.rows.count(s.countRows[k]));
        const systemQty = s.systemQty[i];
        out.push({
          kind: 'count',
          sku: this.code,
          ...base,
          book: base.balance - base.delta,
          counted: base.balance,
          variance: base.delta,
          systemQty: Number.isNaN(systemQty) ? undefined : systemQty,
          rows,
          source: rows[0].source,
        });
      } else if (kind === INBOUND) {
        const record = s.rows.inbound(ref);
        out.push({ kind: 'inbound', ...base, qty: record.qty, source: record.source, record });
      } else if (kind === SHIPMENT) {
        const record = s.rows.shipment(ref);
        out.push({ kind: 'shipment', ...base, qty: record.qty, source: record.source, record });
      } else {
        const record = s.rows.return(ref);
        out.push({ kind: kind === RETURN ? 'return' : 'damaged-return', ...base, qty: record.qty!, source: record.source, record });
      }
    }
    return out;
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

type RowKind = Exclude<keyof typeof HEADERS, 'sku'>;

const KIND_NAMES: Record<RowKind, { zh: string; en: string }> = {
  inbound: { zh: '入库', en: 'inbound' },
  shipment: { zh: '发货', en: 'shipment' },
  return: { zh: '退货入库', en: 'return' },
  count: { zh: '盘点', en: 'stock count' },
};

function unknownSku(source: Source, code: string, kind: RowKind): Issue {
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

function beforeOpening(source: Source, sku: Sku, at: Wall, kind: RowKind): Issue {
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

/** Row x goes after row y: later, or a count after a movement at the same instant. */
function after(x: number, y: number, at: Float64Array, kind: Uint8Array): boolean {
  return at[x] > at[y] || (at[x] === at[y] && kind[x] === COUNT && kind[y] !== COUNT);
}

const RUN = 16;

/**
 * The row ids staged[lo, hi), stably sorted into ledger order (instant, movements before counts, input
 * order); returns the scratch buffer holding them from index 0. Insertion sort of short runs, then
 * bottom-up merges: no comparator calls, and already-ordered logs cost one pass.
 */
function sortRows(staged: Int32Array, lo: number, hi: number, at: Float64Array, kind: Uint8Array, a: Int32Array, b: Int32Array): Int32Array {
  const n = hi - lo;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    a[i] = staged[lo + i];
    if (i > 0 && after(a[i - 1], a[i], at, kind)) sorted = false;
  }
  if (sorted) return a;
  for (let s = 0; s < n; s += RUN) {
    const e = Math.min(s + RUN, n);
    for (let i = s + 1; i < e; i++) {
      const id = a[i];
      let j = i - 1;
      for (; j >= s && after(a[j], id, at, kind); j--) a[j + 1] = a[j];
      a[j + 1] = id;
    }
  }
  let src = a;
  let dst = b;
  for (let width = RUN; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const mid = Math.min(left + width, n);
      const right = Math.min(left + 2 * width, n);
      let i = left;
      let j = mid;
      let k = left;
      while (i < mid && j < right) dst[k++] = after(src[i], src[j], at, kind) ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < right) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/**
 * Builds every SKU's ledger. Rows of SKUs not in the product master (`unknown-sku`) and rows dated before
 * their SKU's opening_date (`order-error`) are errors, reported and left out. Unshipped shipment lines,
 * returns not yet received, 退款 rows and returns without a sku move nothing and are not looked at.
 * The ledger refers to the records it was built from: do not change them afterwards.
 */
export function buildLedger(records: InventoryRecords): Ledger {
  const issues: Issue[] = [];
  const skuIndex = new Map<string, number>();
  const master: Sku[] = [];
  for (const sku of records.skus) {
    if (skuIndex.has(sku.sku)) issues.push(duplicateSku(sku));
    else {
      skuIndex.set(sku.sku, master.length);
      master.push(sku);
    }
  }
  const n = master.length;
  const ids = new RowIds(records);
  const { inbound, shipments, returns, stock_counts: counts } = records;

  // Pass 1, the only one that reads records: each row's SKU (−1: left out), instant, kind and
  // quantities, and how many slots each SKU needs.
  const rowOwner = new Int32Array(ids.total).fill(-1);
  const rowAt = new Float64Array(ids.total);
  const rowKind = new Uint8Array(ids.total);
  const rowQty = new Float64Array(ids.total);
  const rowSystem = new Float64Array(ids.total);
  const slots = new Int32Array(n);
  const take = (id: number, code: string, at: Wall, kind: number, qty: number, source: Source, what: RowKind) => {
    const i = skuIndex.get(code);
    if (i === undefined) {
      issues.push(unknownSku(source, code, what));
      return;
    }
    if (at < master[i].opening_date) {
      issues.push(beforeOpening(source, master[i], at, what));
      return;
    }
    slots[i]++;
    rowOwner[id] = i;
    rowAt[id] = at;
    rowKind[id] = kind;
    rowQty[id] = qty;
  };
  for (let r = 0; r < inbound.length; r++) {
    const rec = inbound[r];
    take(r, rec.sku, rec.received_at, INBOUND, rec.qty, rec.source, 'inbound');
  }
  for (let r = 0; r < shipments.length; r++) {
    const rec = shipments[r];
    if (rec.shipped_at !== undefined) take(ids.shipmentsFrom + r, rec.sku, rec.shipped_at, SHIPMENT, rec.qty, rec.source, 'shipment');
  }
  for (let r = 0; r < returns.length; r++) {
    const rec = returns[r];
    if (rec.type === '退款' || rec.received_at === undefined || !rec.sku || rec.qty === undefined) continue;
    take(ids.returnsFrom + r, rec.sku, rec.received_at, rec.condition === '破损' ? DAMAGED : RETURN, rec.qty, rec.source, 'return');
  }
  for (let r = 0; r < counts.length; r++) {
    const rec = counts[r];
    const id = ids.countsFrom + r;
    take(id, rec.sku, rec.counted_at, COUNT, rec.counted_qty, rec.source, 'count');
    rowSystem[id] = rec.system_qty ?? Number.NaN;
  }

  // Pass 2: each SKU's rows into its slice, in row-id (input) order.
  const base = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) base[i + 1] = base[i] + slots[i];
  const total = base[n];
  const cursor = base.slice(0, n);
  const staged = new Int32Array(total);
  let countRowTotal = 0;
  for (let id = 0; id < ids.total; id++) {
    const i = rowOwner[id];
    if (i < 0) continue;
    staged[cursor[i]++] = id;
    if (rowKind[id] === COUNT) countRowTotal++;
  }

  // Pass 3: per SKU, order the slice (instant, movements before counts, input order), merge the rows of
  // one count, and post balances.
  const store: Store = {
    at: new Float64Array(total),
    kind: new Uint8Array(total),
    delta: new Float64Array(total),
    balance: new Float64Array(total),
    ref: new Int32Array(total),
    rowCount: new Int32Array(total),
    systemQty: new Float64Array(total),
    countRows: new Int32Array(countRowTotal),
    rows: ids,
  };
  let scratchA = new Int32Array(16);
  let scratchB = new Int32Array(16);
  let countRowAt = 0;
  const skus: SkuLedger[] = new Array(n);
  const index = new Map<string, SkuLedger>();
  for (let i = 0; i < n; i++) {
    const lo = base[i];
    const hi = base[i + 1];
    const size = hi - lo;
    if (size > scratchA.length) {
      scratchA = new Int32Array(2 * size);
      scratchB = new Int32Array(2 * size);
    }
    const order = sortRows(staged, lo, hi, rowAt, rowKind, scratchA, scratchB);

    let book = master[i].opening_qty;
    let w = lo;
    for (let j = 0; j < size; ) {
      const id = order[j];
      const kind = rowKind[id];
      const at = rowAt[id];
      store.at[w] = at;
      store.kind[w] = kind;
      if (kind === COUNT) {
        store.ref[w] = countRowAt;
        let counted = 0;
        let systemQty = Number.NaN;
        for (; j < size && rowKind[order[j]] === COUNT && rowAt[order[j]] === at; j++) {
          const row = order[j];
          store.countRows[countRowAt++] = row;
          counted += rowQty[row];
          if (!Number.isNaN(rowSystem[row])) systemQty = (Number.isNaN(systemQty) ? 0 : systemQty) + rowSystem[row];
        }
        store.rowCount[w] = countRowAt - store.ref[w];
        store.systemQty[w] = systemQty;
        store.delta[w] = counted - book;
        book = counted;
      } else {
        const delta = kind === SHIPMENT ? -rowQty[id] : kind === DAMAGED ? 0 : rowQty[id];
        store.ref[w] = id;
        store.delta[w] = delta;
        book += delta;
        j++;
      }
      store.balance[w] = book;
      w++;
    }
    const ledger = new SkuLedger(master[i], store, lo, w);
    skus[i] = ledger;
    index.set(ledger.code, ledger);
  }
  return { skus, get: (code) => index.get(code), issues };
}
