/** Random inventory records around one month, and a naive replay of the ledger to check against. */
import fc from 'fast-check';
import { DAY, SECOND, parseMonth, type Wall } from '../../src/core/time.js';
import type { InventoryRecords } from '../../src/inventory/ledger.js';
import { count, inbound, records, ret, ship, sku } from './records.js';

export const MONTH = parseMonth('2024-05')!;
const CODES = ['S0', 'S1', 'S2', 'S3'];

/** Instants clustered around the month's edges, at whole seconds. */
const instant: fc.Arbitrary<Wall> = fc.oneof(
  fc.integer({ min: -40 * 86_400, max: 75 * 86_400 }).map((s) => MONTH.start + s * SECOND),
  fc.constantFrom(MONTH.start, MONTH.start - SECOND, MONTH.end, MONTH.end + SECOND, MONTH.start + 10 * DAY),
);

const skuArb = fc.record({
  openingQty: fc.integer({ min: 0, max: 200 }),
  openingDay: fc.integer({ min: -35, max: 40 }),
  costUnits: fc.oneof(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom(51_250, 5, 50, 3_333)),
});

const codeArb = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: CODES.length - 1 }).map((i) => CODES[i]) }, { weight: 1, arbitrary: fc.constant('UNKNOWN') });

const eventArb = fc.oneof(
  fc.record({ kind: fc.constant('inbound' as const), code: codeArb, at: instant, qty: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('ship' as const), code: codeArb, at: fc.option(instant, { freq: 5 }), qty: fc.integer({ min: 1, max: 50 }) }),
  fc.record({
    kind: fc.constant('return' as const),
    code: codeArb,
    at: fc.option(instant, { freq: 5 }),
    qty: fc.integer({ min: 1, max: 20 }),
    type: fc.constantFrom('退货', '换货', '退款'),
    condition: fc.constantFrom('完好', '破损'),
  }),
  fc.record({
    kind: fc.constant('count' as const),
    code: codeArb,
    at: instant,
    locations: fc.array(fc.record({ qty: fc.integer({ min: 0, max: 120 }), system: fc.option(fc.integer({ min: 0, max: 120 })) }), { minLength: 1, maxLength: 3 }),
  }),
);

type Ev = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toRecords(skus: (typeof skuArb extends fc.Arbitrary<infer T> ? T : never)[], events: Ev[]): InventoryRecords {
  const r = records({
    skus: skus.map((s, i) =>
      sku(CODES[i], { opening_qty: s.openingQty, opening_date: MONTH.start + s.openingDay * DAY, unit_cost: s.costUnits / 10_000 }),
    ),
  });
  for (const e of events) {
    if (e.kind === 'inbound') r.inbound.push({ ...inbound(e.code, '2024-01-01', e.qty), received_at: e.at });
    else if (e.kind === 'ship') r.shipments.push({ ...ship(e.code, undefined, e.qty), shipped_at: e.at ?? undefined });
    else if (e.kind === 'return')
      r.returns.push({ ...ret(e.type === '退款' ? undefined : e.code, undefined, e.qty, { type: e.type, condition: e.condition }), received_at: e.at ?? undefined });
    else
      e.locations.forEach((l, i) =>
        r.stock_counts.push({ ...count(e.code, '2024-01-01', l.qty, { location: `L${i}`, system_qty: l.system ?? undefined }), counted_at: e.at }),
      );
  }
  return r;
}

/** The book of one SKU at instant t (events at t included), by replaying every valid row naively. */
export function naiveBook(r: InventoryRecords, code: string, t: Wall): number {
  const s = r.skus.find((x) => x.sku === code)!;
  if (t < s.opening_date) return 0;
  type Step = { at: Wall; order: number; apply: (book: number) => number };
  const steps: Step[] = [];
  const valid = (c: string | undefined, a: Wall | undefined): a is Wall => c === code && a !== undefined && a >= s.opening_date && a <= t;
  for (const x of r.inbound) if (valid(x.sku, x.received_at)) steps.push({ at: x.received_at, order: 0, apply: (b) => b + x.qty });
  for (const x of r.shipments) if (valid(x.sku, x.shipped_at)) steps.push({ at: x.shipped_at!, order: 0, apply: (b) => b - x.qty });
  for (const x of r.returns)
    if (x.type !== '退款' && x.condition === '完好' && valid(x.sku, x.received_at)) steps.push({ at: x.received_at!, order: 0, apply: (b) => b + x.qty! });
  const countTimes = new Set(r.stock_counts.filter((x) => valid(x.sku, x.counted_at)).map((x) => x.counted_at));
  for (const ct of countTimes) {
    const total = r.stock_counts.filter((x) => x.sku === code && x.counted_at === ct).reduce((n, x) => n + x.counted_qty, 0);
    steps.push({ at: ct, order: 1, apply: () => total });
  }
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  return steps.reduce((b, st) => st.apply(b), s.opening_qty);
}


/** 1–4 SKUs (opening before, inside or after the month) and up to 40 rows of every kind, some bad. */
export const randomLedger: fc.Arbitrary<InventoryRecords> = fc
  .tuple(fc.array(skuArb, { minLength: 1, maxLength: CODES.length }), fc.array(eventArb, { maxLength: 40 }))
  .map(([skus, events]) => toRecords(skus, events));

/** An instant to query the ledger at. */
export const randomInstant = instant;
