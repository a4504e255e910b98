/**
 * The month-end close of SPEC §4 (进销存汇总表 and 报损单) and its §5.1 JSON.
 */
import { UsageError, compareSource, type Issue, type Source } from '../core/issues.js';
import { formatWall, parseMonth, type Wall } from '../core/time.js';
import { buildLedger, type InventoryRecords, type Ledger, type Period } from './ledger.js';
import { costUnitsToNumber, fenToNumber, lineAmount, sumFen, type CostUnits, type Fen } from './money.js';

export interface CloseOptions {
  /** `YYYY-MM`, or a month already parsed by `parseMonth`. */
  month: string | Period;
}

export interface CloseLine {
  sku: string;
  name: string;
  spec: string | undefined;
  unitCost: CostUnits;
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
  openingValue: Fen;
  inboundValue: Fen;
  shippedValue: Fen;
  returnedValue: Fen;
  gainsValue: Fen;
  lossesValue: Fen;
  damagedValue: Fen;
  closingValue: Fen;
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
  /** qty × unit cost, positive fen. */
  amount: Fen;
  reason: LossReason;
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
  closingValue: Fen;
  /** Sum of the loss lines: count losses and damaged returns. */
  lossAmount: Fen;
}

export interface CloseResult {
  month: Period;
  /** One per SKU whose ledger has started by the month's end, in product-master order. */
  lines: CloseLine[];
  /** Sorted by date, then sku, then source. */
  losses: LossLine[];
  totals: CloseTotals;
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
  if (typeof month !== 'string') return month;
  const parsed = parseMonth(month);
  if (!parsed) {
    throw new UsageError({ zh: `月份「${month}」格式不对，应为 YYYY-MM`, en: `month "${month}" is not in the form YYYY-MM` });
  }
  return parsed;
}

/** Closes the month on a ledger already built. */
export function closeLedger(ledger: Ledger, options: CloseOptions): CloseResult {
  const month = monthOf(options.month);
  const lines: CloseLine[] = [];
  const losses: LossLine[] = [];
  const notYetOpened: string[] = [];

  for (const s of ledger.skus) {
    if (s.openingAt > month.end) {
      notYetOpened.push(s.code);
      continue;
    }
    const { sku, costUnits } = s;
    // A ledger that opens inside the month brings its opening balance as the month's opening.
    const opening = s.openingAt >= month.start ? s.openingQty : s.bookBefore(month.start);
    let inbound = 0;
    let shipped = 0;
    let returned = 0;
    let gains = 0;
    let lost = 0;
    let damaged = 0;
    const loss = (date: Wall, qty: number, reason: LossReason, sources: Source[]) =>
      losses.push({
        date,
        sku: s.code,
        name: sku.name,
        spec: sku.spec,
        qty,
        unitCost: costUnits,
        amount: lineAmount(qty, costUnits),
        reason,
        source: sources[0],
        sources,
      });

    for (const e of s.eventsIn(month.start, month.end)) {
      switch (e.kind) {
        case 'inbound':
          inbound += e.qty;
          break;
        case 'shipment':
          shipped += e.qty;
          break;
        case 'return':
          returned += e.qty;
          break;
        case 'damaged-return':
          damaged += e.qty;
          loss(e.at, e.qty, '退货破损', [e.source]);
          break;
        case 'count':
          if (e.variance > 0) gains += e.variance;
          else if (e.variance < 0) {
            lost -= e.variance;
            loss(e.at, -e.variance, '盘亏', e.rows.map((r) => r.source));
          }
          break;
      }
    }

    const closing = opening + inbound - shipped + returned + gains - lost;
    const book = s.bookAt(month.end);
    if (closing !== book) {
      throw new LedgerInvariantError(
        `sku ${s.code}, ${month.label}: closing ${closing} (= ${opening} + ${inbound} − ${shipped} + ${returned} + ${gains} − ${lost}) ≠ book ${book} at ${formatWall(month.end)}`,
      );
    }
    const value = (qty: number) => lineAmount(qty, costUnits);
    lines.push({
      sku: s.code,
      name: sku.name,
      spec: sku.spec,
      unitCost: costUnits,
      opening,
      inbound,
      shipped,
      returned,
      gains,
      losses: lost,
      damaged,
      closing,
      openingValue: value(opening),
      inboundValue: value(inbound),
      shippedValue: value(shipped),
      returnedValue: value(returned),
      gainsValue: value(gains),
      lossesValue: value(lost),
      damagedValue: value(damaged),
      closingValue: value(closing),
    });
  }

  losses.sort((a, b) => a.date - b.date || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) || compareSource(a.source, b.source));
  const total = (key: Exclude<keyof CloseTotals, 'lossAmount'>) => sumFen(lines.map((l) => l[key]));
  return {
    month,
    lines,
    losses,
    totals: {
      openingValue: total('openingValue'),
      inboundValue: total('inboundValue'),
      shippedValue: total('shippedValue'),
      returnedValue: total('returnedValue'),
      gainsValue: total('gainsValue'),
      lossesValue: total('lossesValue'),
      damagedValue: total('damagedValue'),
      closingValue: total('closingValue'),
      lossAmount: sumFen(losses.map((l) => l.amount)),
    },
    notYetOpened,
    issues: [...ledger.issues],
  };
}

/** Builds the ledger from the records and closes the month (SPEC §4 close). */
export function closeMonth(records: InventoryRecords, options: CloseOptions): CloseResult {
  return closeLedger(buildLedger(records), options);
}

/** SPEC §5.1 `close` JSON, without `issues` (the caller appends them, rendered in its language). */
export interface CloseJson {
  month: string;
  lines: {
    sku: string;
    opening: number;
    inbound: number;
    shipped: number;
    returned: number;
    gains: number;
    losses: number;
    closing: number;
    unitCost: number;
    closingValue: number;
  }[];
  losses: { sku: string; qty: number; amount: number; reason: LossReason; date: string; source: Source }[];
  totals: { openingValue: number; closingValue: number; lossAmount: number };
}

export function closeJson(result: CloseResult): CloseJson {
  return {
    month: result.month.label,
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
      closingValue: fenToNumber(l.closingValue),
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
      openingValue: fenToNumber(result.totals.openingValue),
      closingValue: fenToNumber(result.totals.closingValue),
      lossAmount: fenToNumber(result.totals.lossAmount),
    },
  };
}
