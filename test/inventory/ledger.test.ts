import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLedger, type CountEvent } from '../../src/inventory/ledger.js';
import { naiveBook, randomInstant, randomLedger } from './random.js';
import { at, count, countAt, inbound, records, ret, ship, sku, src } from './records.js';

const A = sku('A', { opening_qty: 10, opening_date: '2024-05-01' });

/** The counts of SKU A as [book, counted, variance]. */
function countsOf(r: Parameters<typeof buildLedger>[0], code = 'A') {
  return buildLedger(r)
    .get(code)!
    .counts.map((c: CountEvent) => [c.book, c.counted, c.variance]);
}

describe('ledger movements', () => {
  it('starts at opening_qty at 00:00 of opening_date and moves by inbound, shipments and restocked returns', () => {
    const ledger = buildLedger(
      records({
        skus: [A],
        inbound: [inbound('A', '2024-05-02 09:00', 5)],
        shipments: [ship('A', '2024-05-03 10:00', 3), ship('A', undefined, 100)],
        returns: [ret('A', '2024-05-04 11:00', 2), ret('A', '2024-05-04 12:00', 1, { type: '换货' }), ret('A', undefined, 50)],
      }),
    );
    const a = ledger.get('A')!;
    expect(ledger.issues).toEqual([]);
    expect(a.bookAt(at('2024-04-30 23:59:59'))).toBe(0);
    expect(a.bookAt(at('2024-05-01'))).toBe(10);
    expect(a.bookAt(at('2024-05-02 08:59:59'))).toBe(10);
    expect(a.bookAt(at('2024-05-02 09:00'))).toBe(15);
    expect(a.bookBefore(at('2024-05-02 09:00'))).toBe(10);
    expect(a.bookAt(at('2024-05-03 10:00'))).toBe(12);
    expect(a.bookAt(at('2024-05-04 23:00'))).toBe(15);
    expect(a.events.map((e) => [e.kind, e.delta, e.balance])).toEqual([
      ['inbound', 5, 15],
      ['shipment', -3, 12],
      ['return', 2, 14],
      ['return', 1, 15],
    ]);
    expect(a.eventsIn(at('2024-05-03'), at('2024-05-04 11:00')).map((e) => e.kind)).toEqual(['shipment', 'return']);
  });

  it('accepts a movement at 00:00:00 of opening_date, after the opening balance', () => {
    const ledger = buildLedger(records({ skus: [A], shipments: [ship('A', '2024-05-01 00:00:00', 4)] }));
    expect(ledger.issues).toEqual([]);
    expect(ledger.get('A')!.bookAt(at('2024-05-01'))).toBe(6);
    expect(ledger.get('A')!.bookBefore(at('2024-05-01'))).toBe(0);
  });

  it('moves nothing for a damaged return, but keeps it as an event', () => {
    const a = buildLedger(records({ skus: [A], returns: [ret('A', '2024-05-04 11:00', 2, { condition: '破损' })] })).get('A')!;
    expect(a.bookAt(at('2024-05-31'))).toBe(10);
    expect(a.events.map((e) => [e.kind, e.kind === 'count' ? null : e.qty, e.delta, e.balance])).toEqual([['damaged-return', 2, 0, 10]]);
  });

  it('never moves stock for a refund (退款), even with a sku and a received_at', () => {
    const a = buildLedger(
      records({
        skus: [A],
        returns: [ret('A', '2024-05-04 11:00', 2, { type: '退款' }), ret(undefined, '2024-05-04 11:00', undefined, { type: '退款' })],
      }),
    ).get('A')!;
    expect(a.events).toEqual([]);
    expect(a.bookAt(at('2024-05-31'))).toBe(10);
  });
});

describe('stock counts are balance assertions', () => {
  it('a count that matches posts nothing', () => {
    expect(countsOf(records({ skus: [A], stock_counts: [count('A', '2024-05-10', 10)] }))).toEqual([[10, 10, 0]]);
  });

  it('a gain and a loss', () => {
    expect(countsOf(records({ skus: [A], stock_counts: [count('A', '2024-05-10', 12)] }))).toEqual([[10, 12, 2]]);
    expect(countsOf(records({ skus: [A], stock_counts: [count('A', '2024-05-10', 7)] }))).toEqual([[10, 7, -3]]);
  });

  it('a count sets the book: the next count compares with it (two counts in one week)', () => {
    const r = records({
      skus: [A],
      shipments: [ship('A', '2024-05-22 10:00', 2)],
      stock_counts: [count('A', '2024-05-23', 5), count('A', '2024-05-20', 8)],
    });
    expect(countsOf(r)).toEqual([
      [10, 8, -2],
      [6, 5, -1],
    ]);
    const a = buildLedger(r).get('A')!;
    expect(a.bookAt(countAt('2024-05-20'))).toBe(8);
    expect(a.bookAt(countAt('2024-05-23'))).toBe(5);
    expect(a.countsIn(at('2024-05-21'), at('2024-05-26 23:59:59')).map((c) => c.counted)).toEqual([5]);
  });

  it('a bare count date is 23:59:59: movements of that day come first', () => {
    const r = records({ skus: [A], shipments: [ship('A', '2024-05-10 18:00', 3)], stock_counts: [count('A', '2024-05-10', 7)] });
    expect(countsOf(r)).toEqual([[7, 7, 0]]);
  });

  it('at the same instant movements apply before the count, whatever the input order', () => {
    const r = records({
      skus: [A],
      stock_counts: [count('A', '2024-05-10 15:00', 10)],
      inbound: [inbound('A', '2024-05-10 15:00', 5)],
      shipments: [ship('A', '2024-05-10 15:00', 1)],
    });
    expect(countsOf(r)).toEqual([[14, 10, -4]]);
    const a = buildLedger(r).get('A')!;
    expect(a.events.map((e) => e.kind)).toEqual(['inbound', 'shipment', 'count']);
    expect(a.bookBefore(at('2024-05-10 15:00'))).toBe(10);
    expect(a.bookAt(at('2024-05-10 15:00'))).toBe(10);
  });

  it('sums one count over locations, and system_qty over the rows that give it', () => {
    const r = records({
      skus: [A],
      stock_counts: [
        count('A', '2024-05-10', 4, { location: 'A-01', system_qty: 6 }),
        count('A', '2024-05-10', 5, { location: 'B-02' }),
        count('A', '2024-05-10', 2, { location: 'C-03', system_qty: 3 }),
      ],
    });
    const [c] = buildLedger(r).get('A')!.counts;
    expect([c.book, c.counted, c.variance, c.systemQty, c.rows.length]).toEqual([10, 11, 1, 9, 3]);
    expect(c.source).toEqual(r.stock_counts[0].source);
  });

  it('system_qty stays undefined when no row gives it', () => {
    const [c] = buildLedger(records({ skus: [A], stock_counts: [count('A', '2024-05-10', 4, { location: 'X' })] })).get('A')!.counts;
    expect(c.systemQty).toBeUndefined();
  });

  it('takes gains and losses per count, never netted', () => {
    const r = records({
      skus: [A],
      stock_counts: [count('A', '2024-05-10', 12), count('A', '2024-05-17', 10)],
    });
    expect(countsOf(r)).toEqual([
      [10, 12, 2],
      [12, 10, -2],
    ]);
  });
});

describe('rows the ledger leaves out', () => {
  it('reports a movement or count before opening_date as order-error, with its position, and leaves it out', () => {
    const r = records({
      skus: [A],
      inbound: [inbound('A', '2024-04-30 23:59:59', 5, { source: src('入库.xlsx', 7) })],
      shipments: [ship('A', '2024-04-30 10:00', 1, { source: src('发货.xlsx', 3) })],
      returns: [ret('A', '2024-04-29 10:00', 1, { source: src('退货.xlsx', 4), condition: '破损' })],
      stock_counts: [count('A', '2024-04-30', 3, { source: src('盘点.xlsx', 9) })],
    });
    const ledger = buildLedger(r);
    expect(ledger.get('A')!.events).toEqual([]);
    expect(ledger.issues.map((i) => [i.severity, i.code, i.file, i.sheet, i.row, i.column, i.value])).toEqual([
      ['error', 'order-error', '入库.xlsx', 'Sheet1', 7, '入库时间', '2024-04-30T23:59:59'],
      ['error', 'order-error', '发货.xlsx', 'Sheet1', 3, '发货时间', '2024-04-30T10:00:00'],
      ['error', 'order-error', '退货.xlsx', 'Sheet1', 4, '入库时间', '2024-04-29T10:00:00'],
      ['error', 'order-error', '盘点.xlsx', 'Sheet1', 9, '盘点日期', '2024-04-30T23:59:59'],
    ]);
    expect(ledger.issues[0].message.zh).toContain('期初日期 2024-05-01');
    expect(ledger.issues[0].message.en).toContain('before the opening date 2024-05-01');
  });

  it('reports rows of a SKU not in the product master as unknown-sku, and leaves them out', () => {
    const r = records({
      skus: [A],
      inbound: [inbound('ZZ', '2024-05-02', 5, { source: src('入库.xlsx', 2) })],
      shipments: [ship('ZZ', '2024-05-02', 1, { source: src('发货.xlsx', 5) }), ship('ZZ', undefined, 1)],
      returns: [ret('ZZ', '2024-05-02', 1, { source: src('退货.xlsx', 6) }), ret('ZZ', '2024-05-02', 1, { type: '退款' })],
      stock_counts: [count('ZZ', '2024-05-10', 1, { source: src('盘点.xlsx', 8) })],
    });
    const ledger = buildLedger(r);
    expect(ledger.get('ZZ')).toBeUndefined();
    expect(ledger.issues.map((i) => [i.code, i.file, i.row, i.column, i.value])).toEqual([
      ['unknown-sku', '入库.xlsx', 2, '货号', 'ZZ'],
      ['unknown-sku', '发货.xlsx', 5, '货号', 'ZZ'],
      ['unknown-sku', '退货.xlsx', 6, '货号', 'ZZ'],
      ['unknown-sku', '盘点.xlsx', 8, '货号', 'ZZ'],
    ]);
    expect(ledger.issues[0].message).toEqual({
      zh: '货号「ZZ」不在商品档案中，该入库行未计入库存',
      en: 'sku "ZZ" is not in the product master; this inbound row is left out of the stock ledger',
    });
  });

  it('uses the first of a duplicated product-master row and says so', () => {
    const ledger = buildLedger(records({ skus: [A, sku('A', { opening_qty: 99, source: src('skus.xlsx', 40) })] }));
    expect(ledger.skus).toHaveLength(1);
    expect(ledger.get('A')!.openingQty).toBe(10);
    expect(ledger.issues.map((i) => [i.code, i.row])).toEqual([['duplicate-row', 40]]);
  });
});

describe('ledger order on a long shuffled log', () => {
  it('sorts hundreds of rows of one SKU by instant, movements before counts, input order at ties', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const day = (d: number, h: number) => `2024-05-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:00`;
    const r = records({ skus: [sku('A', { opening_qty: 1000, opening_date: '2024-05-01' })] });
    for (let k = 0; k < 400; k++) {
      const when = day(1 + Math.floor(random() * 30), Math.floor(random() * 24));
      const pick = random();
      if (pick < 0.5) r.shipments.push(ship('A', when, 1 + Math.floor(random() * 5)));
      else if (pick < 0.7) r.inbound.push(inbound('A', when, 1 + Math.floor(random() * 20)));
      else if (pick < 0.8) r.returns.push(ret('A', when, 1, { condition: random() < 0.5 ? '破损' : '完好' }));
      else r.stock_counts.push(count('A', when, Math.floor(random() * 1000), { location: `L${k % 3}` }));
    }
    const a = buildLedger(r).get('A')!;
    const events = a.events;
    for (let i = 1; i < events.length; i++) {
      const [p, e] = [events[i - 1], events[i]];
      expect(p.at < e.at || (p.at === e.at && (p.kind !== 'count' || e.kind === 'count'))).toBe(true);
      if (p.at === e.at && p.kind !== 'count' && e.kind !== 'count' && p.kind === e.kind) {
        expect(p.source.row).toBeLessThan(e.source.row); // input order kept
      }
    }
    for (const c of a.counts) expect(c.rows.map((row) => row.source.row)).toEqual([...c.rows.map((row) => row.source.row)].sort((x, y) => x - y));
    for (let d = 1; d <= 31; d++) for (const h of [0, 7, 13, 23]) expect(a.bookAt(at(day(d, h)))).toBe(naiveBook(r, 'A', at(day(d, h))));
  });
});

describe('ledger queries on random ledgers', () => {
  it('bookAt / bookBefore agree with a naive replay; counts set the book; events come in order', () => {
    fc.assert(
      fc.property(randomLedger, fc.array(randomInstant, { minLength: 1, maxLength: 8 }), (r, instants) => {
        const ledger = buildLedger(r);
        for (const s of ledger.skus) {
          for (const t of instants) {
            expect(s.bookAt(t)).toBe(naiveBook(r, s.code, t));
            expect(s.bookBefore(t)).toBe(t <= s.openingAt ? 0 : naiveBook(r, s.code, t - 1));
          }
          const events = s.events;
          let book = s.openingQty;
          for (let i = 0; i < events.length; i++) {
            const e = events[i];
            if (i > 0) expect(events[i - 1].at <= e.at && !(events[i - 1].at === e.at && events[i - 1].kind === 'count')).toBe(true);
            expect(e.at).toBeGreaterThanOrEqual(s.openingAt);
            if (e.kind === 'count') {
              expect([e.book, e.variance, e.balance]).toEqual([book, e.counted - book, e.counted]);
              expect(e.counted).toBe(e.rows.reduce((n, row) => n + row.counted_qty, 0));
              expect(s.bookAt(e.at)).toBe(e.counted);
            }
            book += e.delta;
            expect(e.balance).toBe(book);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
