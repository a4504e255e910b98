/**
 * Costing: what a SKU's stock and each of its movements in a month are worth, by the method the regulation
 * names (`inventory.costing`):
 *
 * - `standard`: every quantity at the product master's 成本单价. Each amount is rounded on its own, so a
 *   line can be off by a few fen; that difference is shown as 尾差 (rounding) instead of hidden.
 * - `monthly-average` (月末一次加权平均): one unit cost per SKU and month, (opening value + inbound value) ÷
 *   (opening qty + inbound qty), 4 decimals; inbound rows at their own 单价 (the master's when blank); the
 *   previous month's cost when nothing is there to average. Shipped value is what balances the line.
 * - `moving-average` (移动加权平均): each inbound re-averages the cost; every other movement is valued at the
 *   cost of the moment; when the stock reaches 0 its value is set to 0, the last fen going to that movement.
 *
 * Every later month opens at the value the month before closed at (averages replay from opening_date).
 * Count losses and damaged returns are valued one by one, and the line's 盘亏 and 退货破损 amounts are the sums
 * of those, so the loss document (报损单) adds up to the same figures as the movement summary.
 */
import { SECOND, wall, type Wall } from '../core/time.js';
import type { CountEvent, DamagedReturnEvent, LedgerEvent, Period, SkuLedger } from './ledger.js';
import { averageCost, lineAmount, toCostUnits, type CostUnits, type Fen } from './money.js';

export const COSTING_METHODS = ['standard', 'monthly-average', 'moving-average'] as const;
export type CostingMethod = (typeof COSTING_METHODS)[number];

export const COSTING_NAMES: Record<CostingMethod, { zh: string; en: string }> = {
  standard: { zh: '标准成本', en: 'standard cost' },
  'monthly-average': { zh: '月末一次加权平均', en: 'monthly weighted average' },
  'moving-average': { zh: '移动加权平均', en: 'moving weighted average' },
};

/** A count loss or a damaged return, valued. */
export interface ValuedLoss {
  event: CountEvent | DamagedReturnEvent;
  qty: number;
  unitCost: CostUnits;
  amount: Fen;
}

export interface MonthValues {
  /** The month's unit cost: the master's (standard), the month's average, or the moving cost at month end. */
  unitCost: CostUnits;
  openingValue: Fen;
  inboundValue: Fen;
  shippedValue: Fen;
  returnedValue: Fen;
  gainsValue: Fen;
  lossesValue: Fen;
  damagedValue: Fen;
  closingValue: Fen;
  /** In event order. */
  losses: ValuedLoss[];
}

/** The quantities of a SKU's month (what close.ts counts from the events). */
export interface MonthQuantities {
  opening: number;
  inbound: number;
  shipped: number;
  returned: number;
  gains: number;
  closing: number;
}

/** The month holding instant t. */
function monthAt(t: Wall): Period {
  const d = new Date(t);
  const [y, m] = [d.getUTCFullYear(), d.getUTCMonth() + 1];
  return { start: wall(y, m, 1), end: wall(y, m + 1, 1) - SECOND, label: `${y}-${String(m).padStart(2, '0')}` };
}

/** An inbound row's own 单价, or the master's when blank. */
function inboundCost(s: SkuLedger, e: LedgerEvent): CostUnits {
  return e.kind === 'inbound' && e.record.unit_cost !== undefined ? toCostUnits(e.record.unit_cost) : s.costUnits;
}

/** The count losses and damaged returns of the events, each valued at `cost`. */
function lossesAt(events: readonly LedgerEvent[], cost: (e: LedgerEvent) => CostUnits): ValuedLoss[] {
  const out: ValuedLoss[] = [];
  for (const e of events) {
    const qty = e.kind === 'damaged-return' ? e.qty : e.kind === 'count' && e.variance < 0 ? -e.variance : 0;
    if (qty > 0) out.push({ event: e as CountEvent | DamagedReturnEvent, qty, unitCost: cost(e), amount: lineAmount(qty, cost(e)) });
  }
  return out;
}

const sum = (losses: ValuedLoss[], damaged: boolean) =>
  losses.reduce((n, l) => n + ((l.event.kind === 'damaged-return') === damaged ? l.amount : 0), 0);

function standard(s: SkuLedger, q: MonthQuantities, events: readonly LedgerEvent[]): MonthValues {
  const cost = s.costUnits;
  const losses = lossesAt(events, () => cost);
  return {
    unitCost: cost,
    openingValue: lineAmount(q.opening, cost),
    inboundValue: lineAmount(q.inbound, cost),
    shippedValue: lineAmount(q.shipped, cost),
    returnedValue: lineAmount(q.returned, cost),
    gainsValue: lineAmount(q.gains, cost),
    lossesValue: sum(losses, false),
    damagedValue: sum(losses, true),
    closingValue: lineAmount(q.closing, cost),
    losses,
  };
}

/** One month of 月末一次加权平均, from the value it opens at and the cost of the month before. */
function averageMonth(s: SkuLedger, openingQty: number, openingValue: Fen, previousCost: CostUnits, events: readonly LedgerEvent[]) {
  let inboundQty = 0;
  let inboundValue = 0;
  for (const e of events) {
    if (e.kind !== 'inbound') continue;
    inboundQty += e.qty;
    inboundValue += lineAmount(e.qty, inboundCost(s, e));
  }
  const divisor = openingQty + inboundQty;
  const unitCost = divisor === 0 ? previousCost : averageCost(openingValue + inboundValue, divisor);
  return { unitCost, inboundValue };
}

function monthlyAverage(s: SkuLedger, month: Period, q: MonthQuantities, events: readonly LedgerEvent[]): MonthValues {
  // Replay the months before this one: each closes at its closing qty × its average, the next one's opening.
  let openingValue = lineAmount(s.openingQty, s.costUnits);
  let cost = s.costUnits;
  for (let m = monthAt(s.openingAt); m.end < month.start; m = monthAt(m.end + SECOND)) {
    const opening = m.start <= s.openingAt ? s.openingQty : s.bookBefore(m.start);
    cost = averageMonth(s, opening, openingValue, cost, s.eventsIn(m.start, m.end)).unitCost;
    openingValue = lineAmount(s.bookAt(m.end), cost);
  }
  const { unitCost, inboundValue } = averageMonth(s, q.opening, openingValue, cost, events);
  const losses = lossesAt(events, () => unitCost);
  const returnedValue = lineAmount(q.returned, unitCost);
  const gainsValue = lineAmount(q.gains, unitCost);
  const lossesValue = sum(losses, false);
  const closingValue = lineAmount(q.closing, unitCost);
  return {
    unitCost,
    openingValue,
    inboundValue,
    shippedValue: openingValue + inboundValue + returnedValue + gainsValue - lossesValue - closingValue,
    returnedValue,
    gainsValue,
    lossesValue,
    damagedValue: sum(losses, true),
    closingValue,
    losses,
  };
}

function movingAverage(s: SkuLedger, month: Period): MonthValues {
  let qty = s.openingQty;
  let value = lineAmount(s.openingQty, s.costUnits);
  let cost = s.costUnits;
  const out: MonthValues = {
    unitCost: cost,
    openingValue: value,
    inboundValue: 0,
    shippedValue: 0,
    returnedValue: 0,
    gainsValue: 0,
    lossesValue: 0,
    damagedValue: 0,
    closingValue: 0,
    losses: [],
  };
  let opened = false;
  for (const e of s.eventsIn(s.openingAt, month.end)) {
    const inMonth = e.at >= month.start;
    if (inMonth && !opened) {
      out.openingValue = value;
      opened = true;
    }
    if (e.kind === 'damaged-return') {
      // Moves no stock: valued at the cost of the moment, as a memo and a loss line.
      const amount = lineAmount(e.qty, cost);
      if (inMonth) {
        out.damagedValue += amount;
        out.losses.push({ event: e, qty: e.qty, unitCost: cost, amount });
      }
      continue;
    }
    const change = e.delta; // signed quantity
    if (change === 0) continue;
    const before = value;
    let amount: Fen; // signed change of value
    if (e.kind === 'inbound') {
      amount = lineAmount(e.qty, inboundCost(s, e));
      if (qty + e.qty !== 0) cost = averageCost(value + amount, qty + e.qty);
    } else {
      amount = lineAmount(change, cost);
    }
    qty += change;
    value += amount;
    if (qty === 0 && value !== 0) {
      // The movement that empties the shelf takes whatever value is left.
      amount = -before;
      value = 0;
    }
    if (!inMonth) continue;
    switch (e.kind) {
      case 'inbound':
        out.inboundValue += amount;
        break;
      case 'shipment':
        out.shippedValue -= amount;
        break;
      case 'return':
        out.returnedValue += amount;
        break;
      case 'count':
        if (change > 0) out.gainsValue += amount;
        else {
          out.lossesValue -= amount;
          out.losses.push({ event: e, qty: -change, unitCost: cost, amount: -amount });
        }
        break;
    }
  }
  if (!opened) out.openingValue = value;
  out.closingValue = value;
  out.unitCost = cost;
  return out;
}

/** Values one SKU's month: `q` and `events` are the month's quantities and events (close.ts has them). */
export function valueMonth(method: CostingMethod, s: SkuLedger, month: Period, q: MonthQuantities, events: readonly LedgerEvent[]): MonthValues {
  if (method === 'monthly-average') return monthlyAverage(s, month, q, events);
  if (method === 'moving-average') return movingAverage(s, month);
  return standard(s, q, events);
}
