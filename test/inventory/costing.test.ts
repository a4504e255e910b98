/**
 * The three costing methods on months computed by hand. One ledger, four SKUs:
 * A: opening 10 at 10.00; April: +10 @ 12.00, −15, +5 (单价 blank: the master's 10.00), +1 @ 10.01, counted 10 (−1);
 *    May: −10 (emptied), +6 @ 11.5717, 1 returned, 1 returned damaged, counted 8 (+1), −3.
 * D: no opening stock, master 7.00; April: +2 @ 8.00, −2 (emptied); May: counted 3 (+3) with nothing bought.
 * Z: never any stock.  R: opens on 1 May with 1 at 0.3333, +1 on 2 May (standard shows a fen of 尾差).
 */
import { describe, expect, it } from 'vitest';
import { closeJson, closeMonth } from '../../src/inventory/close.js';
import type { CostingMethod } from '../../src/inventory/costing.js';
import { parseRegulation } from '../../src/regulation/index.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_REGULATION_PATH } from '../../src/regulation/load.js';
import { count, inbound, records, ret, ship, sku } from './records.js';

const r = records({
  skus: [
    sku('A', { opening_qty: 10, unit_cost: 10, opening_date: '2024-04-01' }),
    sku('D', { opening_qty: 0, unit_cost: 7, opening_date: '2024-04-01' }),
    sku('Z', { opening_qty: 0, unit_cost: 7, opening_date: '2024-04-01' }),
    sku('R', { opening_qty: 1, unit_cost: 0.3333, opening_date: '2024-05-01' }),
  ],
  inbound: [
    inbound('A', '2024-04-05 09:00', 10, { unit_cost: 12 }),
    inbound('A', '2024-04-20 09:00', 5),
    inbound('A', '2024-04-22 09:00', 1, { unit_cost: 10.01 }),
    inbound('A', '2024-05-10 09:00', 6, { unit_cost: 11.5717 }),
    inbound('D', '2024-04-02 09:00', 2, { unit_cost: 8 }),
    inbound('R', '2024-05-02 09:00', 1),
  ],
  shipments: [ship('A', '2024-04-10 10:00', 15), ship('A', '2024-05-03 10:00', 10), ship('A', '2024-05-25 10:00', 3), ship('D', '2024-04-03 10:00', 2)],
  returns: [ret('A', '2024-05-12 10:00', 1), ret('A', '2024-05-15 10:00', 1, { condition: '破损' })],
  stock_counts: [count('A', '2024-04-25', 10), count('A', '2024-05-20', 8), count('D', '2024-05-10', 3)],
});

/** unitCost, then the values: opening, inbound, shipped, returned, gains, losses, damaged, rounding, closing. */
type Row = [string, number, number, number, number, number, number, number, number, number, number];

function valued(month: string, costing: CostingMethod): Row[] {
  return closeJson(closeMonth(r, { month, costing })).lines.map((l) => [
    l.sku, l.unitCost, l.openingValue, l.inboundValue, l.shippedValue, l.returnedValue, l.gainsValue, l.lossesValue, l.damagedValue, l.rounding, l.closingValue,
  ]);
}

const cases: { costing: CostingMethod; april: Row[]; may: Row[] }[] = [
  {
    costing: 'standard', // every quantity at the master's cost; the inbound rows' 单价 is not used
    april: [
      ['A', 10, 100, 160, 150, 0, 0, 10, 0, 0, 100],
      ['D', 7, 0, 14, 14, 0, 0, 0, 0, 0, 0],
      ['Z', 7, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    may: [
      ['A', 10, 100, 60, 130, 10, 10, 0, 10, 0, 50],
      ['D', 7, 0, 0, 0, 0, 21, 0, 0, 0, 21],
      ['Z', 7, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      // 0.33 + 0.33 = 0.66, but 2 × 0.3333 = 0.6666 → 0.67
      ['R', 0.3333, 0.33, 0.33, 0, 0, 0, 0, 0, 0.01, 0.67],
    ],
  },
  {
    costing: 'monthly-average',
    april: [
      // (100.00 + 120.00 + 50.00 + 10.01) / (10 + 16) = 10.76961… → 10.7696; closing 10 × 10.7696 = 107.70;
      // loss 1 × 10.7696 = 10.77; shipped balances: 100 + 180.01 − 10.77 − 107.70 = 161.54
      ['A', 10.7696, 100, 180.01, 161.54, 0, 0, 10.77, 0, 0, 107.7],
      // 16.00 / 2 = 8
      ['D', 8, 0, 16, 16, 0, 0, 0, 0, 0, 0],
      // nothing to average: the master's cost
      ['Z', 7, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    may: [
      // opens at April's 107.70; 6 × 11.5717 = 69.4302 → 69.43; (107.70 + 69.43) / 16 = 11.070625 → 11.0706;
      // returned, gain and damaged 11.07 each; closing 5 × 11.0706 = 55.353 → 55.35;
      // shipped 107.70 + 69.43 + 11.07 + 11.07 − 55.35 = 143.92
      ['A', 11.0706, 107.7, 69.43, 143.92, 11.07, 11.07, 0, 11.07, 0, 55.35],
      // nothing opened or bought (divisor 0): April's 8.00, so the gain of 3 is 24.00
      ['D', 8, 0, 0, 0, 0, 24, 0, 0, 0, 24],
      ['Z', 7, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      // (0.33 + 0.33) / 2 = 0.33
      ['R', 0.33, 0.33, 0.33, 0, 0, 0, 0, 0, 0, 0.66],
    ],
  },
  {
    costing: 'moving-average',
    april: [
      // +10 @ 12: (100 + 120) / 20 = 11; −15 × 11 = 165 (55.00 left); +5 @ 10: 105 / 10 = 10.5;
      // +1 @ 10.01: 115.01 / 11 = 10.45545… → 10.4555; loss 1 × 10.4555 → 10.46; closing 104.55
      ['A', 10.4555, 100, 180.01, 165, 0, 0, 10.46, 0, 0, 104.55],
      ['D', 8, 0, 16, 16, 0, 0, 0, 0, 0, 0],
      ['Z', 7, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    may: [
      // −10 empties the shelf: 10 × 10.4555 = 104.56, but only 104.55 is left, and the shipment takes it;
      // +6 @ 11.5717 = 69.43, cost 11.5717; returned +11.57; damaged 11.57 (memo); gain +11.57; −3 × 11.5717 = 34.72
      ['A', 11.5717, 104.55, 69.43, 139.27, 11.57, 11.57, 0, 11.57, 0, 57.85],
      // emptied in April at 8.00: the gain is valued at the cost of the moment
      ['D', 8, 0, 0, 0, 0, 24, 0, 0, 0, 24],
      ['Z', 7, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      // +1 at the master's 0.3333 = 0.33: (0.33 + 0.33) / 2 = 0.33
      ['R', 0.33, 0.33, 0.33, 0, 0, 0, 0, 0, 0, 0.66],
    ],
  },
];

describe.each(cases)('$costing', ({ costing, april, may }) => {
  it('values April as computed by hand', () => expect(valued('2024-04', costing)).toEqual(april));
  it('values May as computed by hand, opening at April’s closing value', () => expect(valued('2024-05', costing)).toEqual(may));
  it('lists each loss at the cost the line used, so the 报损单 adds up to 盘亏 + 退货破损', () => {
    const out = closeMonth(r, { month: '2024-05', costing });
    const a = out.lines.find((l) => l.sku === 'A')!;
    expect(out.losses.filter((l) => l.sku === 'A').map((l) => [l.reason, l.qty, l.amount])).toEqual([['退货破损', 1, a.damagedValue]]);
    expect(out.totals.lossAmount).toBe(out.totals.lossesValue + out.totals.damagedValue);
  });
});

describe('June, with no movement, under monthly-average', () => {
  it('opens at May’s closing value and re-averages it: 55.35 / 5 = 11.07', () => {
    expect(valued('2024-06', 'monthly-average')[0]).toEqual(['A', 11.07, 55.35, 0, 0, 0, 0, 0, 0, 0, 55.35]);
  });
});

describe('inventory.costing in the regulation file', () => {
  const template = readFileSync(DEFAULT_REGULATION_PATH, 'utf8');
  it('is standard by default', () => {
    expect(parseRegulation(template).inventory.costing).toBe('standard');
    expect(parseRegulation(template.replace(/^inventory:\n(  .*\n)+/m, '')).inventory.costing).toBe('standard');
  });
  it('takes the two averages and rejects anything else, naming the line', () => {
    expect(parseRegulation(template.replace('costing: standard', 'costing: moving-average')).inventory.costing).toBe('moving-average');
    expect(() => parseRegulation(template.replace('costing: standard', 'costing: fifo'))).toThrow(/inventory\.costing/);
  });
});
