import { describe, expect, it } from 'vitest';
import { parseIsoWeek, startOfDay, endOfDay } from '../../src/core/time.js';
import { reconcile, reconcileJson } from '../../src/inventory/reconcile.js';
import { at, count, countAt, inbound, records, ret, ship, sku, src } from './records.js';

const W21 = parseIsoWeek('2024-W21')!; // Monday 20 May – Sunday 26 May 2024

describe('reconcile lines', () => {
  it('one line per SKU and count in the period, with book, variance, value, rate, result and shop difference', () => {
    const r = records({
      skus: [
        sku('A', { opening_qty: 10, unit_cost: 5.125, spec: '红/M' }),
        sku('B', { opening_qty: 0 }),
        sku('C', { opening_qty: 4, unit_cost: 2.5 }),
      ],
      shipments: [ship('A', '2024-05-21 10:00', 2)],
      stock_counts: [
        count('A', '2024-05-22', 5, { location: '1', system_qty: 6, counter: '王五' }),
        count('A', '2024-05-22', 0, { location: '2', system_qty: 1, counter: '王五', note: '2号位空' }),
        count('B', '2024-05-22', 3),
        count('C', '2024-05-19', 4), // the week before: not a line
        count('C', '2024-05-27 00:00', 4), // the week after
        count('C', '2024-05-26', 4), // Sunday 23:59:59: in
      ],
    });
    const out = reconcile(r, { period: W21 });
    expect(out.lines).toEqual([
      {
        sku: 'A',
        name: '品名A',
        spec: '红/M',
        countedAt: countAt('2024-05-22'),
        book: 8,
        counted: 5,
        variance: -3,
        varianceValue: -1538, // −3 × 5.125 = −15.375 → −15.38
        varianceRate: -3 / 8,
        result: '盘亏',
        systemQty: 7,
        shopDifference: 2,
        locations: ['1', '2'],
        counters: ['王五'],
        notes: ['2号位空'],
        sources: [r.stock_counts[0].source, r.stock_counts[1].source],
      },
      {
        sku: 'B',
        name: '品名B',
        spec: undefined,
        countedAt: countAt('2024-05-22'),
        book: 0,
        counted: 3,
        variance: 3,
        varianceValue: 3000,
        varianceRate: undefined,
        result: '盘盈',
        systemQty: undefined,
        shopDifference: undefined,
        locations: [],
        counters: [],
        notes: [],
        sources: [r.stock_counts[2].source],
      },
      expect.objectContaining({ sku: 'C', countedAt: countAt('2024-05-26'), book: 4, counted: 4, variance: 0, result: '一致', varianceValue: 0, varianceRate: 0 }),
    ]);
  });

  it('lists two counts of one SKU in one week, the second against the first', () => {
    const out = reconcile(
      records({
        skus: [sku('A', { opening_qty: 10 })],
        inbound: [inbound('A', '2024-05-22 10:00', 4)],
        stock_counts: [count('A', '2024-05-20', 9), count('A', '2024-05-24', 14)],
      }),
      { period: W21 },
    );
    expect(out.lines.map((l) => [l.book, l.counted, l.variance, l.result])).toEqual([
      [10, 9, -1, '盘亏'],
      [13, 14, 1, '盘盈'],
    ]);
  });

  it('applies a tolerance (a quantity) to the result, not to the variance', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 10 }), sku('B', { opening_qty: 10 }), sku('C', { opening_qty: 10 })],
      stock_counts: [count('A', '2024-05-22', 11), count('B', '2024-05-22', 9), count('C', '2024-05-22', 12)],
    });
    expect(reconcile(r, { period: W21, tolerance: 1 }).lines.map((l) => [l.sku, l.variance, l.result])).toEqual([
      ['A', 1, '一致'],
      ['B', -1, '一致'],
      ['C', 2, '盘盈'],
    ]);
    expect(reconcile(r, { period: W21 }).lines.map((l) => l.result)).toEqual(['盘盈', '盘亏', '盘盈']);
    expect(() => reconcile(r, { period: W21, tolerance: -1 })).toThrow(RangeError);
  });

  it('reconciles a single day (--date)', () => {
    const day = { start: startOfDay(at('2024-05-22')), end: endOfDay(at('2024-05-22')), label: '2024-05-22' };
    const out = reconcile(
      records({ skus: [sku('A', { opening_qty: 1 })], stock_counts: [count('A', '2024-05-22', 1), count('A', '2024-05-23', 1)] }),
      { period: day },
    );
    expect(out.lines).toHaveLength(1);
  });

  it('passes the ledger issues on', () => {
    const out = reconcile(records({ skus: [sku('A')], stock_counts: [count('ZZ', '2024-05-22', 1, { source: src('c.csv', 3) })] }), {
      period: W21,
    });
    expect(out.issues.map((i) => [i.code, i.file, i.row])).toEqual([['unknown-sku', 'c.csv', 3]]);
    expect(out.lines).toEqual([]);
  });
});

describe('totals', () => {
  it('totals gains and losses apart, per count, and their net', () => {
    const out = reconcile(
      records({
        skus: [sku('A', { opening_qty: 10, unit_cost: 5.125 }), sku('B', { opening_qty: 10, unit_cost: 2 })],
        stock_counts: [count('A', '2024-05-20', 12), count('A', '2024-05-24', 9), count('B', '2024-05-22', 7)],
      }),
      { period: W21 },
    );
    // A: +2 (10.25), −3 (−15.38); B: −3 (−6.00)
    expect(out.totals).toEqual({ gains: 2, gainsValue: 1025, losses: 6, lossesValue: 2138, net: -4, netValue: -1113 });
  });
});

describe('not counted, reorder, delist', () => {
  it('lists SKUs not counted in the period that are 在售 or have stock, with their status (not SKUs opened after it)', () => {
    const out = reconcile(
      records({
        skus: [
          sku('A', { opening_qty: 3 }),
          sku('B', { status: '过季' }),
          sku('C', { status: '下架' }),
          sku('C2', { status: '下架', opening_qty: 2 }),
          sku('D', { opening_date: '2024-05-27' }),
          sku('E', { opening_date: '2024-05-26' }),
          sku('F'),
        ],
        stock_counts: [count('F', '2024-05-20', 1), count('A', '2024-05-27', 3)],
      }),
      { period: W21 },
    );
    expect(out.notCounted.map((n) => [n.sku, n.status, n.book])).toEqual([
      ['A', '在售', 3],
      ['C2', '下架', 2],
      ['E', '在售', 0],
    ]);
  });

  it('suggests reorders for 在售 SKUs at or under safety stock, up to max_stock or twice the safety stock', () => {
    const out = reconcile(
      records({
        skus: [
          sku('A', { safety_stock: 5 }), // counted 5 = safety: reorder up to 10
          sku('B', { safety_stock: 5, max_stock: 30 }), // counted 2: up to 30
          sku('C', { safety_stock: 5 }), // counted 6: fine
          sku('D', { safety_stock: 0 }), // no safety stock: never
          sku('E', { safety_stock: 5, status: '过季' }), // not 在售
          sku('F', { safety_stock: 5, max_stock: 3 }), // max below counted: 0
          sku('G', { safety_stock: 5, status: undefined }), // blank status = 在售
        ],
        stock_counts: [
          count('A', '2024-05-22', 5),
          count('B', '2024-05-22', 2),
          count('C', '2024-05-22', 6),
          count('D', '2024-05-22', 0),
          count('E', '2024-05-22', 1),
          count('F', '2024-05-22', 4),
          count('G', '2024-05-22', 1),
        ],
      }),
      { period: W21 },
    );
    expect(out.reorder.map((r) => [r.sku, r.counted, r.safetyStock, r.suggested])).toEqual([
      ['A', 5, 5, 5],
      ['B', 2, 5, 28],
      ['F', 4, 5, 0],
      ['G', 1, 5, 9],
    ]);
  });

  it('uses the last count of the period for reorder and delist', () => {
    const out = reconcile(
      records({
        skus: [sku('A', { safety_stock: 5 }), sku('B', { safety_stock: 5 })],
        stock_counts: [count('A', '2024-05-20', 0), count('A', '2024-05-24', 8), count('B', '2024-05-20', 8), count('B', '2024-05-24', 0)],
      }),
      { period: W21 },
    );
    expect(out.reorder.map((r) => [r.sku, r.counted, r.suggested])).toEqual([['B', 0, 10]]);
    expect(out.delist.map((d) => [d.sku, d.reason])).toEqual([['B', '缺货']]);
  });

  it('delists SKUs not 下架: 缺货 when counted 0 whatever the status, 过季 when in stock; urgent only when out of stock and the shop shows some', () => {
    const out = reconcile(
      records({
        skus: [
          sku('A'), // 在售, 0, shop shows 2: 缺货, urgent
          sku('B'), // 在售, 0, shop 0: 缺货
          sku('C', { status: '过季' }), // 过季, 0: 缺货
          sku('D', { status: '过季' }), // 过季, 3, shop 3: 过季, not urgent (the shop sells what is there)
          sku('E', { status: '过季' }), // 过季, 3, no system_qty: 过季
          sku('F', { status: '下架' }), // 下架, 0: nothing
          sku('G'), // 在售, 3: nothing
          sku('H'), // 0 over two locations, shop 0 + 1: urgent
        ],
        stock_counts: [
          count('A', '2024-05-22', 0, { system_qty: 2 }),
          count('B', '2024-05-22', 0, { system_qty: 0 }),
          count('C', '2024-05-22', 0),
          count('D', '2024-05-22', 3, { system_qty: 3 }),
          count('E', '2024-05-22', 3),
          count('F', '2024-05-22', 0, { system_qty: 5 }),
          count('G', '2024-05-22', 3),
          count('H', '2024-05-22', 0, { location: 'x', system_qty: 0 }),
          count('H', '2024-05-22', 0, { location: 'y', system_qty: 1 }),
        ],
      }),
      { period: W21 },
    );
    expect(out.delist.map((d) => [d.sku, d.status, d.reason, d.urgent])).toEqual([
      ['A', '在售', '缺货', true],
      ['B', '在售', '缺货', false],
      ['C', '过季', '缺货', false],
      ['D', '过季', '过季', false],
      ['E', '过季', '过季', false],
      ['H', '在售', '缺货', true],
    ]);
  });
});

describe('reconcileJson', () => {
  it('gives exactly the §5.1 shape', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 10, unit_cost: 5.125, safety_stock: 8 }), sku('B', { status: '过季' }), sku('C')],
      shipments: [ship('A', '2024-05-21 10:00', 2)],
      returns: [ret('A', '2024-05-21 11:00', 1, { condition: '破损' })],
      stock_counts: [count('A', '2024-05-22 16:30', 5, { system_qty: 4 }), count('B', '2024-05-23', 0)],
    });
    const json = reconcileJson(reconcile(r, { period: W21 }));
    expect(json).toEqual({
      period: '2024-W21',
      lines: [
        { sku: 'A', countedAt: '2024-05-22T16:30:00', book: 8, counted: 5, variance: -3, varianceValue: -15.38, systemQty: 4 },
        { sku: 'B', countedAt: '2024-05-23T23:59:59', book: 0, counted: 0, variance: 0, varianceValue: 0, systemQty: null },
      ],
      notCounted: ['C'],
      reorder: [{ sku: 'A', counted: 5, safetyStock: 8, suggested: 11 }],
      delist: [{ sku: 'B', reason: '缺货', urgent: false }],
    });
    expect(Object.keys(json)).toEqual(['period', 'lines', 'notCounted', 'reorder', 'delist']);
    expect(JSON.stringify(json.lines[0])).toBe(
      '{"sku":"A","countedAt":"2024-05-22T16:30:00","book":8,"counted":5,"variance":-3,"varianceValue":-15.38,"systemQty":4}',
    );
  });
});
