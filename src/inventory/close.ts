/**
 * The month-end close (进销存汇总表 and 报损单) and its JSON: per SKU, the month's movements in quantities and,
 * by the costing method, in amounts. Every line ties exactly: closing value = opening + inbound − shipped +
 * returned + gains − losses + rounding (尾差, only ever non-zero under standard costing), and so do the totals.
 */
import { compareSource, type Issue, type Source } from '../core/issues.js';
import { formatWall, requireMonth, type Wall } from '../core/time.js';
import { valueMonth, type CostingMethod, type MonthValues } from './costing.js';
import { buildLedger, type InventoryRecords, type Ledger, type Period } from './ledger.js';
import { costUnitsToNumber, fenToNumber, sumFen, type CostUnits, type Fen } from './money.js';

export interface CloseOptions {
  /** `YYYY-MM`, or a month already parsed by `parseMonth`. */
  month: string | Period;
  /** Default `standard`. */
  costing?: CostingMethod;
}

/** A SKU's month: its quantities, and their values (MonthValues, by the costing method) with the 尾差. */
export interface CloseLine extends Omit<MonthValues, 'losses'> {
  sku: string;
  name: string;
  spec: string | undefined;
  /** The book before any event of the month (an event at day 1 00:00:00 is the month's). */
  opening: number;
  inbound: number;
  shipped: number;
  /** Returns put back on the shelf (退货/换货 received 完好). */
  returned: number;
  /** Count gains (盘盈), summed per count. */
  gains: number;
  /** Count losses (盘亏) only, summed per count, as a positive quantity. */
  losses: number;
  /** Damaged returns received in the month (no stock moved; in the loss workbook). */
  damaged: number;
  /** opening + inbound − shipped + returned + gains − losses = the book at the month's last instant. */
  closing: number;
  /** 尾差: closingValue − (opening + inbound − shipped + returned + gains − losses values); 0 under the averages. */
  rounding: Fen;
}

export type LossReason = '盘亏' | '退货破损';

export interface LossLine {
  /** counted_at of the count, received_at of the return. */
  date: Wall;
  sku: string;
  name: string;
  spec: string | undefined;
  /** Positive. */
  qty: number;
  unitCost: CostUnits;
  /** qty × unit cost, positive fen (under moving-average, the emptying movement takes the remainder). */
  amount: Fen;
  reason: LossReason;
  /** What the rows say about it: the count's notes, or the return's reason. */
  notes: string[];
  /** The return's order (退货破损). */
  orderId: string | undefined;
  /** The first row (a count over several locations has several). */
  source: Source;
  sources: Source[];
}

export interface CloseTotals {
  openingValue: Fen;
  inboundValue: Fen;
  shippedValue: Fen;
  returnedValue: Fen;
  gainsValue: Fen;
  lossesValue: Fen;
  damagedValue: Fen;
  rounding: Fen;
  closingValue: Fen;
  /** Sum of the loss lines: count losses and damaged returns. */
  lossAmount: Fen;
}

/** The finance KPIs of the regulation. */
export interface CloseKpis {
  /** 库存周转率: shipped value ÷ the average of opening and closing value; undefined when that average is 0. */
  turnover: number | undefined;
  /** Count lines (one per SKU and count) in the month, and those without variance. */
  countLines: number;
  exactLines: number;
  /** 库存信息准确性: exactLines ÷ countLines; undefined when nothing was counted. */
  accuracy: number | undefined;
}

export interface CloseResult {
  month: Period;
  costing: CostingMethod;
  /** One per SKU whose ledger has started by the month's end, in product-master order. */
  lines: CloseLine[];
  /** Sorted by date, then sku, then source. */
  losses: LossLine[];
  totals: CloseTotals;
  kpis: CloseKpis;
  /** SKUs left out because their opening_date is after the month. */
  notYetOpened: string[];
  /** The ledger's issues; the loader's are the caller's. */
  issues: Issue[];
}

/** The ledger disagrees with itself: a bug, never an input problem. */
export class LedgerInvariantError extends Error {
  override name = 'LedgerInvariantError';
}

function monthOf(month: string | Period): Period {
  return typeof month === 'string' ? requireMonth(month) : month;
}

/** Closes the month on a ledger already built. */
export function closeLedger(ledger: Ledger, options: CloseOptions): CloseResult {
  const month = monthOf(options.month);
  const costing = options.costing ?? 'standard';
  const lines: CloseLine[] = [];
  const losses: LossLine[] = [];
  const notYetOpened: string[] = [];
  let countLines = 0;
  let exactLines = 0;

  for (const s of ledger.skus) {
    if (s.openingAt > month.end) {
      notYetOpened.push(s.code);
      continue;
    }
    const { sku } = s;
    // A ledger that opens inside the month brings its opening balance as the month's opening.
    const opening = s.openingAt >= month.start ? s.openingQty : s.bookBefore(month.start);
    let inbound = 0;
    let shipped = 0;
    let returned = 0;
    let gains = 0;
    let lost = 0;
    let damaged = 0;
    const events = s.eventsIn(month.start, month.end);
    for (const e of events) {
      if (e.kind === 'inbound') inbound += e.qty;
      else if (e.kind === 'shipment') shipped += e.qty;
      else if (e.kind === 'return') returned += e.qty;
      else if (e.kind === 'damaged-return') damaged += e.qty;
      else {
        countLines++;
        if (e.variance === 0) exactLines++;
        else if (e.variance > 0) gains += e.variance;
        else lost -= e.variance;
      }
    }

    const closing = opening + inbound - shipped + returned + gains - lost;
    const book = s.bookAt(month.end);
    if (closing !== book) {
      throw new LedgerInvariantError(
        `sku ${s.code}, ${month.label}: closing ${closing} (= ${opening} + ${inbound} − ${shipped} + ${returned} + ${gains} − ${lost}) ≠ book ${book} at ${formatWall(month.end)}`,
      );
    }
    const v = valueMonth(costing, s, month, { opening, inbound, shipped, returned, gains, closing }, events);
    const rounding = v.closingValue - (v.openingValue + v.inboundValue - v.shippedValue + v.returnedValue + v.gainsValue - v.lossesValue);
    if (rounding !== 0 && costing !== 'standard') {
      throw new LedgerInvariantError(`sku ${s.code}, ${month.label}: ${costing} leaves a rounding difference of ${rounding} fen`);
    }
    for (const l of v.losses) {
      const e = l.event;
      const sources = e.kind === 'count' ? e.rows.map((r) => r.source) : [e.source];
      const notes = e.kind === 'count' ? e.rows.map((r) => r.note) : [e.record.reason];
      losses.push({
        date: l.event.at,
        sku: s.code,
        name: sku.name,
        spec: sku.spec,
        qty: l.qty,
        unitCost: l.unitCost,
        amount: l.amount,
        reason: e.kind === 'count' ? '盘亏' : '退货破损',
        notes: [...new Set(notes.filter((n): n is string => Boolean(n)))],
        orderId: e.kind === 'count' ? undefined : e.record.order_id,
        source: sources[0],
        sources,
      });
    }
    lines.push({
      sku: s.code,
      name: sku.name,
      spec: sku.spec,
      unitCost: v.unitCost,
      opening,
      inbound,
      shipped,
      returned,
      gains,
      losses: lost,
      damaged,
      closing,
      openingValue: v.openingValue,
      inboundValue: v.inboundValue,
      shippedValue: v.shippedValue,
      returnedValue: v.returnedValue,
      gainsValue: v.gainsValue,
      lossesValue: v.lossesValue,
      damagedValue: v.damagedValue,
      rounding,
      closingValue: v.closingValue,
    });
  }

  losses.sort((a, b) => a.date - b.date || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) || compareSource(a.source, b.source));
  const total = (key: Exclude<keyof CloseTotals, 'lossAmount'>) => sumFen(lines.map((l) => l[key]));
  const average = total('openingValue') + total('closingValue'); // twice the average, in fen
  return {
    month,
    costing,
    lines,
    losses,
    kpis: {
      turnover: average === 0 ? undefined : (2 * total('shippedValue')) / average,
      countLines,
      exactLines,
      accuracy: countLines === 0 ? undefined : exactLines / countLines,
    },
    totals: {
      openingValue: total('openingValue'),
      inboundValue: total('inboundValue'),
      shippedValue: total('shippedValue'),
      returnedValue: total('returnedValue'),
      gainsValue: total('gainsValue'),
      lossesValue: total('lossesValue'),
      damagedValue: total('damagedValue'),
      rounding: total('rounding'),
      closingValue: total('closingValue'),
      lossAmount: sumFen(losses.map((l) => l.amount)),
    },
    notYetOpened,
    issues: [...ledger.issues],
  };
}

/** Builds the ledger from the records and closes the month (docs/outputs.md#close-workbooks). */
export function closeMonth(records: InventoryRecords, options: CloseOptions): CloseResult {
  return closeLedger(buildLedger(records), options);
}

type LineValue = 'openingValue' | 'inboundValue' | 'shippedValue' | 'returnedValue' | 'gainsValue' | 'lossesValue' | 'rounding' | 'closingValue';

/** The `close` JSON, without `issues` (the caller appends them, rendered in its language). */
export interface CloseJson {
  month: string;
  costing: CostingMethod;
  lines: ({
    sku: string;
    opening: number;
    inbound: number;
    shipped: number;
    returned: number;
    gains: number;
    losses: number;
    closing: number;
    unitCost: number;
    damagedQty: number;
    damagedValue: number;
  } & Record<LineValue, number>)[];
  losses: { sku: string; qty: number; amount: number; reason: LossReason; date: string; source: Source }[];
  totals: Record<LineValue | 'damagedValue' | 'lossAmount', number>;
  /** Fractions to 4 decimals (0.9655 = 96.55 %), null when there is nothing to divide by. */
  kpis: { turnover: number | null; accuracy: number | null; countLines: number; exactLines: number };
}

const ratio = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10_000) / 10_000);

export function closeJson(result: CloseResult): CloseJson {
  const t = result.totals;
  return {
    month: result.month.label,
    costing: result.costing,
    lines: result.lines.map((l) => ({
      sku: l.sku,
      opening: l.opening,
      inbound: l.inbound,
      shipped: l.shipped,
      returned: l.returned,
      gains: l.gains,
      losses: l.losses,
      closing: l.closing,
      unitCost: costUnitsToNumber(l.unitCost),
      openingValue: fenToNumber(l.openingValue),
      inboundValue: fenToNumber(l.inboundValue),
      shippedValue: fenToNumber(l.shippedValue),
      returnedValue: fenToNumber(l.returnedValue),
      gainsValue: fenToNumber(l.gainsValue),
      lossesValue: fenToNumber(l.lossesValue),
      rounding: fenToNumber(l.rounding),
      closingValue: fenToNumber(l.closingValue),
      damagedQty: l.damaged,
      damagedValue: fenToNumber(l.damagedValue),
    })),
    losses: result.losses.map((l) => ({
      sku: l.sku,
      qty: l.qty,
      amount: fenToNumber(l.amount),
      reason: l.reason,
      date: formatWall(l.date),
      source: { file: l.source.file, sheet: l.source.sheet, row: l.source.row },
    })),
    totals: {
      openingValue: fenToNumber(t.openingValue),
      inboundValue: fenToNumber(t.inboundValue),
      shippedValue: fenToNumber(t.shippedValue),
      returnedValue: fenToNumber(t.returnedValue),
      gainsValue: fenToNumber(t.gainsValue),
      lossesValue: fenToNumber(t.lossesValue),
      rounding: fenToNumber(t.rounding),
      closingValue: fenToNumber(t.closingValue),
      damagedValue: fenToNumber(t.damagedValue),
      lossAmount: fenToNumber(t.lossAmount),
    },
    kpis: { turnover: ratio(result.kpis.turnover), accuracy: ratio(result.kpis.accuracy), countLines: result.kpis.countLines, exactLines: result.kpis.exactLines },
  };
}
