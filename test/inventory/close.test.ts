import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/issues.js';
import { SECOND, wall, type Wall } from '../../src/core/time.js';
import { LedgerInvariantError, closeJson, closeLedger, closeMonth } from '../../src/inventory/close.js';
import { COSTING_METHODS } from '../../src/inventory/costing.js';
import { buildLedger } from '../../src/inventory/ledger.js';
import { lineAmount, toCostUnits } from '../../src/inventory/money.js';
import { MONTH, naiveBook, randomLedger } from './random.js';
import { count, inbound, records, ret, ship, sku, src } from './records.js';

describe('closeMonth', () => {
  it('moves each SKU from opening to closing, with amounts at unit cost', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 100, unit_cost: 5.125 })],
      inbound: [inbound('A', '2024-04-10', 20), inbound('A', '2024-05-03 09:00', 30)],
      shipments: [ship('A', '2024-04-20', 5), ship('A', '2024-05-06 10:00', 12), ship('A', undefined, 7)],
      returns: [ret('A', '2024-05-07 10:00', 2), ret('A', '2024-05-08 10:00', 1, { condition: '破损' }), ret('A', '2024-05-08 11:00', 9, { type: '退款' })],
      stock_counts: [count('A', '2024-05-10', 136), count('A', '2024-05-17', 133), count('A', '2024-05-24', 135)],
    });
    const out = closeMonth(r, { month: '2024-05' });
    // opening 115; +30 −12 +2 = 135; count 136 (+1); 133 (−3); 135 (+2)
    expect(out.lines).toEqual([
      {
        sku: 'A',
        name: '品名A',
        spec: undefined,
        unitCost: 51_250,
        opening: 115,
        inbound: 30,
        shipped: 12,
        returned: 2,
        gains: 3,
        losses: 3,
        damaged: 1,
        closing: 135,
        openingValue: 58_938, // 589.375 → 589.38
        inboundValue: 15_375,
        shippedValue: 6_150,
        returnedValue: 1_025,
        gainsValue: 1_538,
        lossesValue: 1_538,
        damagedValue: 513,
        rounding: 0,
        closingValue: 69_188, // 691.875 → 691.88
      },
    ]);
    expect(out.losses.map((l) => [l.reason, l.qty, l.amount, l.source])).toEqual([
      ['退货破损', 1, 513, r.returns[1].source],
      ['盘亏', 3, 1538, r.stock_counts[1].source],
    ]);
    expect(out.totals).toEqual({
      openingValue: 58_938,
      inboundValue: 15_375,
      shippedValue: 6_150,
      returnedValue: 1_025,
      gainsValue: 1_538,
      lossesValue: 1_538,
      damagedValue: 513,
      rounding: 0,
      closingValue: 69_188,
      lossAmount: 2_051,
    });
  });

  it('counts an event at 00:00:00 of day 1 in the month, one at the last 23:59:59 too, and none after', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 10, opening_date: '2024-04-01' })],
      inbound: [inbound('A', '2024-05-01 00:00:00', 5), inbound('A', '2024-04-30 23:59:59', 1), inbound('A', '2024-06-01 00:00:00', 100)],
      shipments: [ship('A', '2024-05-31 23:59:59', 2)],
      stock_counts: [count('A', '2024-05-01 00:00:00', 14), count('A', '2024-04-30', 12)],
    });
    const [line] = closeMonth(r, { month: '2024-05' }).lines;
    // April: 10 + 1, count 12 (+1) at 23:59:59 → May opening 12; May 1 00:00: +5 = 17, count 14 (−3); −2 → 12
    expect([line.opening, line.inbound, line.shipped, line.gains, line.losses, line.closing]).toEqual([12, 5, 2, 0, 3, 12]);
  });

  it('lists a damaged return by when it was received, and only if received in the month', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 10, unit_cost: 3 })],
      returns: [
        ret('A', '2024-04-30 23:00', 1, { condition: '破损', requested_at: wall(2024, 4, 20) }),
        ret('A', '2024-05-02 10:00', 2, { condition: '破损', requested_at: wall(2024, 4, 28) }),
        ret('A', undefined, 4, { condition: '破损' }),
      ],
    });
    const out = closeMonth(r, { month: '2024-05' });
    expect(out.losses.map((l) => [l.qty, l.amount, l.reason])).toEqual([[2, 600, '退货破损']]);
    expect(out.lines[0].losses).toBe(0);
    expect(out.totals.lossAmount).toBe(600);
    expect(out.lines[0].closing).toBe(10);
  });

  it('keeps what the rows say about each loss: the count notes, the return reason and its order', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 10 })],
      stock_counts: [count('A', '2024-05-10', 3, { location: 'a', note: '包装破' }), count('A', '2024-05-10', 4, { location: 'b', note: '包装破' })],
      returns: [ret('A', '2024-05-12 10:00', 1, { condition: '破损', reason: '运输压坏', order_id: 'T1001' })],
    });
    expect(closeMonth(r, { month: '2024-05' }).losses.map((l) => [l.reason, l.notes, l.orderId])).toEqual([
      ['盘亏', ['包装破'], undefined],
      ['退货破损', ['运输压坏'], 'T1001'],
    ]);
  });

  it('takes gains and losses per count, never netted', () => {
    const out = closeMonth(
      records({ skus: [sku('A', { opening_qty: 10 })], stock_counts: [count('A', '2024-05-10', 12), count('A', '2024-05-17', 10)] }),
      { month: '2024-05' },
    );
    expect([out.lines[0].gains, out.lines[0].losses, out.lines[0].closing]).toEqual([2, 2, 10]);
    expect(out.losses.map((l) => l.qty)).toEqual([2]);
  });

  it('sums a loss counted over two locations into one loss line that names all its rows', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 10 })],
      stock_counts: [count('A', '2024-05-10', 3, { location: 'a' }), count('A', '2024-05-10', 4, { location: 'b' })],
    });
    const out = closeMonth(r, { month: '2024-05' });
    expect(out.losses).toHaveLength(1);
    expect(out.losses[0].qty).toBe(3);
    expect(out.losses[0].sources).toEqual([r.stock_counts[0].source, r.stock_counts[1].source]);
  });

  it('omits SKUs whose ledger starts after the month; one starting inside it opens at opening_qty', () => {
    const out = closeMonth(
      records({
        skus: [sku('LATE', { opening_qty: 5, opening_date: '2024-06-01' }), sku('MID', { opening_qty: 5, opening_date: '2024-05-15' }), sku('DAY1', { opening_qty: 7, opening_date: '2024-05-01' })],
        shipments: [ship('MID', '2024-05-15 00:00', 1), ship('DAY1', '2024-05-01 00:00', 2)],
      }),
      { month: '2024-05' },
    );
    expect(out.notYetOpened).toEqual(['LATE']);
    expect(out.lines.map((l) => [l.sku, l.opening, l.shipped, l.closing])).toEqual([
      ['MID', 5, 1, 4],
      ['DAY1', 7, 2, 5],
    ]);
  });

  it('sorts loss lines by date, then sku', () => {
    const out = closeMonth(
      records({
        skus: [sku('B', { opening_qty: 5 }), sku('A', { opening_qty: 5 })],
        stock_counts: [count('B', '2024-05-10', 4), count('A', '2024-05-10', 4), count('A', '2024-05-03', 5)],
        returns: [ret('B', '2024-05-02 10:00', 1, { condition: '破损' })],
      }),
      { month: '2024-05' },
    );
    expect(out.losses.map((l) => [l.sku, l.reason])).toEqual([
      ['B', '退货破损'],
      ['A', '盘亏'],
      ['B', '盘亏'],
    ]);
  });

  it('rejects a malformed month as bad usage', () => {
    expect(() => closeMonth(records({}), { month: '2024-5' })).toThrow(UsageError);
  });

  it('throws an internal error when the ledger contradicts itself', () => {
    const ledger = buildLedger(records({ skus: [sku('A', { opening_qty: 3 })] }));
    const a = ledger.skus[0];
    a.bookAt = () => 4; // a corrupted ledger
    expect(() => closeLedger(ledger, { month: '2024-05' })).toThrow(LedgerInvariantError);
  });
});

describe('finance KPIs', () => {
  it('库存周转率 = shipped value ÷ average of opening and closing value; 库存信息准确性 = count lines without variance ÷ count lines', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 100, unit_cost: 2 }), sku('B', { opening_qty: 10, unit_cost: 1 })],
      shipments: [ship('A', '2024-05-03 10:00', 40)],
      stock_counts: [count('A', '2024-05-10', 60), count('A', '2024-05-20', 59), count('B', '2024-05-10', 10), count('B', '2024-04-10', 10)],
    });
    const out = closeMonth(r, { month: '2024-05' });
    // shipped 80.00; opening 200 + 10 = 210.00, closing 118 + 10 = 128.00: 80 / 169 = 0.47337…; 2 of 3 May counts exact
    expect(out.kpis).toEqual({ turnover: 8000 / 16900, countLines: 3, exactLines: 2, accuracy: 2 / 3 });
    expect(closeJson(out).kpis).toEqual({ turnover: 0.4734, accuracy: 0.6667, countLines: 3, exactLines: 2 });
  });

  it('are blank when there is nothing to divide by', () => {
    const out = closeJson(closeMonth(records({ skus: [sku('A')] }), { month: '2024-05' }));
    expect(out.kpis).toEqual({ turnover: null, accuracy: null, countLines: 0, exactLines: 0 });
  });
});

describe('closeJson', () => {
  it('gives exactly the §5.1 shape', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 100, unit_cost: 5.125 }), sku('B', { opening_qty: 1, unit_cost: 0.3333 })],
      stock_counts: [count('A', '2024-05-10', 97, { source: src('盘点.xlsx', 5) })],
      returns: [ret('B', '2024-05-11 09:30', 1, { condition: '破损', source: src('退货.xlsx', 8) })],
    });
    const json = closeJson(closeMonth(r, { month: '2024-05' }));
    const zero = { inboundValue: 0, shippedValue: 0, returnedValue: 0, gainsValue: 0 };
    expect(json).toEqual({
      month: '2024-05',
      costing: 'standard',
      lines: [
        // 512.50 − 15.38 = 497.12, but 97 × 5.125 = 497.125 → 497.13: one fen of 尾差
        { sku: 'A', opening: 100, inbound: 0, shipped: 0, returned: 0, gains: 0, losses: 3, closing: 97, unitCost: 5.125,
          openingValue: 512.5, ...zero, lossesValue: 15.38, rounding: 0.01, closingValue: 497.13, damagedQty: 0, damagedValue: 0 },
        { sku: 'B', opening: 1, inbound: 0, shipped: 0, returned: 0, gains: 0, losses: 0, closing: 1, unitCost: 0.3333,
          openingValue: 0.33, ...zero, lossesValue: 0, rounding: 0, closingValue: 0.33, damagedQty: 1, damagedValue: 0.33 },
      ],
      losses: [
        { sku: 'A', qty: 3, amount: 15.38, reason: '盘亏', date: '2024-05-10T23:59:59', source: { file: '盘点.xlsx', sheet: 'Sheet1', row: 5 } },
        { sku: 'B', qty: 1, amount: 0.33, reason: '退货破损', date: '2024-05-11T09:30:00', source: { file: '退货.xlsx', sheet: 'Sheet1', row: 8 } },
      ],
      totals: { openingValue: 512.83, ...zero, lossesValue: 15.38, rounding: 0.01, closingValue: 497.46, damagedValue: 0.33, lossAmount: 15.71 },
      kpis: expect.anything(),
    });
    // Nothing shipped: turnover 0; one count of A, with a variance: accuracy 0
    expect(json.kpis).toEqual({ turnover: 0, accuracy: 0, countLines: 1, exactLines: 0 });
    expect(Object.keys(json)).toEqual(['month', 'costing', 'lines', 'losses', 'totals', 'kpis']);
    expect(Object.keys(json.lines[0])).toEqual([
      'sku', 'opening', 'inbound', 'shipped', 'returned', 'gains', 'losses', 'closing', 'unitCost', 'openingValue', 'inboundValue',
      'shippedValue', 'returnedValue', 'gainsValue', 'lossesValue', 'rounding', 'closingValue', 'damagedQty', 'damagedValue',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Property: for random ledgers, closing = the book at the month end (computed by a naive replay),
// totals = sums of lines, loss total = sum of loss lines.

/** closing value − (opening + inbound − shipped + returned + gains − losses values): what 尾差 must hold. */
function drift(v: { openingValue: number; inboundValue: number; shippedValue: number; returnedValue: number; gainsValue: number; lossesValue: number; closingValue: number }) {
  return v.closingValue - (v.openingValue + v.inboundValue - v.shippedValue + v.returnedValue + v.gainsValue - v.lossesValue);
}

describe('closeMonth on random ledgers', () => {
  it('ties every line and the totals exactly, under every costing method; the loss document adds up to 盘亏 + 退货破损', () => {
    fc.assert(
      fc.property(randomLedger, fc.constantFrom(...COSTING_METHODS), (r, costing) => {
        const out = closeMonth(r, { month: '2024-05', costing });
        for (const l of out.lines) {
          expect(l.rounding).toBe(drift(l));
          if (costing !== 'standard') expect(l.rounding).toBe(0);
          // A standard line's 尾差 is at most half a fen per amount rounded on its own.
          else expect(Math.abs(l.rounding)).toBeLessThanOrEqual((7 + out.losses.filter((x) => x.sku === l.sku).length) / 2);
        }
        expect(out.totals.rounding).toBe(drift(out.totals));
        expect(out.totals.lossAmount).toBe(out.totals.lossesValue + out.totals.damagedValue);
        for (const l of out.lines) {
          const mine = out.losses.filter((x) => x.sku === l.sku);
          expect(mine.filter((x) => x.reason === '盘亏').reduce((n, x) => n + x.amount, 0)).toBe(l.lossesValue);
          expect(mine.filter((x) => x.reason === '退货破损').reduce((n, x) => n + x.amount, 0)).toBe(l.damagedValue);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('chains months: each month opens at the value the month before closed at', () => {
    fc.assert(
      fc.property(randomLedger, fc.constantFrom(...COSTING_METHODS), (r, costing) => {
        const april = closeMonth(r, { month: '2024-04', costing });
        const may = closeMonth(r, { month: '2024-05', costing });
        for (const l of may.lines) {
          const before = april.lines.find((x) => x.sku === l.sku);
          if (before) expect(l.openingValue).toBe(before.closingValue);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('closing = the book at the month end, totals = sums of lines, loss total = sum of loss lines', () => {
    fc.assert(
      fc.property(randomLedger, (r) => {
        const out = closeMonth(r, { month: '2024-05' }); // throws LedgerInvariantError if closing ≠ book
        const opened = r.skus.filter((s) => s.opening_date <= MONTH.end);
        expect(out.lines.map((l) => l.sku)).toEqual(opened.map((s) => s.sku));
        expect(out.notYetOpened).toEqual(r.skus.filter((s) => s.opening_date > MONTH.end).map((s) => s.sku));

        for (const line of out.lines) {
          const s = r.skus.find((x) => x.sku === line.sku)!;
          expect(line.closing).toBe(naiveBook(r, line.sku, MONTH.end));
          expect(line.opening).toBe(s.opening_date >= MONTH.start ? s.opening_qty : naiveBook(r, line.sku, MONTH.start - SECOND));
          expect(line.closing).toBe(line.opening + line.inbound - line.shipped + line.returned + line.gains - line.losses);
          const cost = toCostUnits(s.unit_cost);
          expect(line.closingValue).toBe(lineAmount(line.closing, cost));
          const mine = out.losses.filter((l) => l.sku === line.sku);
          expect(mine.filter((l) => l.reason === '盘亏').reduce((n, l) => n + l.qty, 0)).toBe(line.losses);
          expect(mine.filter((l) => l.reason === '退货破损').reduce((n, l) => n + l.qty, 0)).toBe(line.damaged);
        }

        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(out.totals.openingValue).toBe(sum(out.lines.map((l) => l.openingValue)));
        expect(out.totals.closingValue).toBe(sum(out.lines.map((l) => l.closingValue)));
        expect(out.totals.lossesValue).toBe(sum(out.lines.map((l) => l.lossesValue)));
        expect(out.totals.lossAmount).toBe(sum(out.losses.map((l) => l.amount)));
        for (const l of out.losses) {
          expect(l.date).toBeGreaterThanOrEqual(MONTH.start);
          expect(l.date).toBeLessThanOrEqual(MONTH.end);
          expect(l.amount).toBe(lineAmount(l.qty, l.unitCost));
        }

        const json = closeJson(out);
        expect(json.totals.lossAmount).toBe(out.totals.lossAmount / 100);
        for (const v of [json.totals.openingValue, json.totals.closingValue, ...json.lines.map((l) => l.closingValue), ...json.losses.map((l) => l.amount)]) {
          expect(String(v)).toMatch(/^-?\d+(\.\d{1,2})?$/);
        }

        // Every row of an unknown SKU or dated before its opening is reported, once.
        const known = new Map(r.skus.map((s) => [s.sku, s.opening_date]));
        const bad = (code: string, a: Wall) => !known.has(code) || a < known.get(code)!;
        const expectedIssues =
          r.inbound.filter((x) => bad(x.sku, x.received_at)).length +
          r.shipments.filter((x) => x.shipped_at !== undefined && bad(x.sku, x.shipped_at)).length +
          r.returns.filter((x) => x.type !== '退款' && x.received_at !== undefined && bad(x.sku!, x.received_at)).length +
          r.stock_counts.filter((x) => bad(x.sku, x.counted_at)).length;
        expect(out.issues).toHaveLength(expectedIssues);
      }),
      { numRuns: 1000 },
    );
  });
});
