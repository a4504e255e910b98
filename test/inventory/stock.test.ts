import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay, stockJson, stockOn } from '../../src/inventory/stock.js';
import { naiveBook, randomInstant, randomLedger } from './random.js';
import { at, count, inbound, records, ship, sku } from './records.js';

const DAY = parseDay('2024-05-14')!;

describe('stockOn (the daily check)', () => {
  it('takes the book at the end of the day, counts and movements of that day included', () => {
    const r = records({
      skus: [sku('A', { opening_qty: 10, safety_stock: 5 })],
      inbound: [inbound('A', '2024-05-14 09:00', 4), inbound('A', '2024-05-15 00:00', 100)],
      shipments: [ship('A', '2024-05-14 23:59:59', 2)],
      stock_counts: [count('A', '2024-05-14', 11)], // 23:59:59, after the shipment at the same instant
    });
    expect(stockOn(r, DAY).lines.map((l) => [l.sku, l.book])).toEqual([['A', 11]]);
  });

  it('lists 在售 SKUs at or under 警戒库存 with what to order up to max_stock, or 2 × 警戒库存', () => {
    const r = records({
      skus: [
        sku('MAX', { opening_qty: 4, safety_stock: 5, max_stock: 30 }),
        sku('TWICE', { opening_qty: 5, safety_stock: 5 }),
        sku('ABOVE', { opening_qty: 6, safety_stock: 5 }),
        sku('NONE', { opening_qty: 0, safety_stock: 0 }),
        sku('OLD', { opening_qty: 1, safety_stock: 5, status: '过季' }),
        sku('FULL', { opening_qty: 3, safety_stock: 5, max_stock: 2 }),
      ],
    });
    expect(stockJson(stockOn(r, DAY)).reorder).toEqual([
      { sku: 'MAX', book: 4, safetyStock: 5, suggested: 26 },
      { sku: 'TWICE', book: 5, safetyStock: 5, suggested: 5 },
      { sku: 'FULL', book: 3, safetyStock: 5, suggested: 0 },
    ]);
  });

  it('lists shortages: book ≤ 0, or below the order lines paid and not shipped by the day’s end, with those orders', () => {
    const r = records({
      skus: [
        sku('EMPTY', { opening_qty: 0 }),
        sku('SHORT', { opening_qty: 3 }),
        sku('ENOUGH', { opening_qty: 3 }),
        sku('GONE', { opening_qty: 0, status: '下架' }),
        sku('NEG', { opening_qty: 1 }),
      ],
      shipments: [
        ship('SHORT', undefined, 2, { order_id: 'O-1', completed_at: at('2024-05-13 10:00') }),
        ship('SHORT', '2024-05-15 08:00', 2, { order_id: 'O-2', completed_at: at('2024-05-14 10:00') }), // shipped after the day
        ship('SHORT', undefined, 5, { order_id: 'O-3', completed_at: at('2024-05-15 10:00') }), // paid after the day
        ship('ENOUGH', undefined, 3, { order_id: 'O-4', completed_at: at('2024-05-14 10:00') }),
        ship('NEG', '2024-05-10 10:00', 2, { order_id: 'O-5' }),
      ],
    });
    const out = stockOn(r, DAY);
    expect(stockJson(out).shortages).toEqual([
      { sku: 'EMPTY', book: 0, openOrders: [] },
      { sku: 'SHORT', book: 3, openOrders: ['O-1', 'O-2'] },
      { sku: 'NEG', book: -1, openOrders: [] },
    ]);
    expect(out.shortages[1].waiting).toBe(4);
  });

  it('lists 过季 stock still on the books to delist, and leaves out SKUs not yet opened', () => {
    const r = records({
      skus: [sku('OLD', { opening_qty: 2, status: '过季' }), sku('OLD0', { opening_qty: 0, status: '过季' }), sku('LATE', { opening_qty: 5, opening_date: '2024-05-15' })],
    });
    const out = stockJson(stockOn(r, DAY));
    expect(out.delist).toEqual([{ sku: 'OLD', reason: '过季' }]);
    expect(out.lines.map((l) => l.sku)).toEqual(['OLD', 'OLD0']);
    expect(Object.keys(out)).toEqual(['date', 'lines', 'reorder', 'shortages', 'delist']);
    expect(out.lines[0]).toEqual({ sku: 'OLD', book: 2, safetyStock: 0, status: '过季' });
  });

  it('agrees with a naive replay of the ledger on random days', () => {
    fc.assert(
      fc.property(randomLedger, randomInstant, (r, t) => {
        const d = new Date(t).toISOString().slice(0, 10);
        const day = parseDay(d)!;
        for (const l of stockOn(r, day).lines) expect(l.book).toBe(naiveBook(r, l.sku, day.end));
      }),
      { numRuns: 300 },
    );
  });
});
