/**
 * LineTable (src/logs/lines.ts): a log's rows held column by column give back, row by row, exactly the records the
 * loader made, however they were posted between threads, appended or filtered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/core/issues.js';
import { columnsOf, LOG_KEYS, type LogKey, type Shipment } from '../../src/logs/declarations.js';
import { LineTable } from '../../src/logs/lines.js';
import { loadData, recordMaker } from '../../src/logs/load.js';
import { join } from 'node:path';
import { anyText } from '../property/arbitraries.js';
import { PROPERTY_RUNS } from '../helpers/property.js';
import { d, tempDir, writeXlsx } from '../helpers/sheets.js';

const rowsOf = <T extends { source: Source }>(table: LineTable<T>) => Array.from({ length: table.length }, (_, i) => table.at(i));

/** The table as a reading thread posts it and the main thread receives it. */
function posted<T extends { source: Source }>(log: LogKey, table: LineTable<T>): LineTable<T> {
  const { data, transfer } = table.post();
  return new LineTable<T>(log, structuredClone(data, { transfer }));
}

const KEYS = Object.keys(columnsOf('shipments'));
const shipment = (source: Source, v: Partial<Shipment>): Shipment => recordMaker('shipments', KEYS)(source, KEYS.map((k) => v[k as keyof Shipment])) as unknown as Shipment;

describe('LineTable', () => {
  it('gives back every record of the sample month, posted, appended in two halves and filtered', async () => {
    const data = await loadData('fixtures/sample');
    let logs = 0;
    for (const log of LOG_KEYS) {
      const records = data.records[log] as { source: Source }[];
      if (records.length < 2) continue;
      logs++;
      const table = LineTable.of(log, records);
      expect(rowsOf(table)).toStrictEqual(records);
      expect(rowsOf(posted(log, table))).toStrictEqual(records);
      const half = Math.floor(records.length / 2);
      const joined = LineTable.of(log, records.slice(0, half));
      joined.append(posted(log, LineTable.of(log, records.slice(half))));
      expect(rowsOf(joined)).toStrictEqual(records);
      joined.filter((i) => i % 3 !== 1);
      expect(rowsOf(joined)).toStrictEqual(records.filter((_, i) => i % 3 !== 1));
    }
    expect(logs).toBeGreaterThanOrEqual(10);
  });

  it('keeps any text, number and blank exactly (a lone surrogate, -0, a blank time)', () => {
    const value = fc.record({
      order_id: anyText,
      sku: fc.constantFrom('A1', 'B2', '货号-3'),
      completed_at: fc.double({ noNaN: true }),
      shipped_at: fc.option(fc.double({ noNaN: true }), { nil: undefined }),
      qty: fc.integer(),
      staff: anyText,
      carrier: fc.option(anyText, { nil: undefined }),
      tracking_no: fc.option(anyText, { nil: undefined }),
      exempt: fc.boolean(),
      exempt_reason: fc.option(anyText, { nil: undefined }),
    });
    fc.assert(
      // Pools of 0, 3 and the default size: text kept as text (UTF-8, or UTF-16 for a lone surrogate), pooled, or both.
      fc.property(fc.array(value, { maxLength: 30 }), fc.array(value, { maxLength: 30 }), fc.constantFrom(0, 3, undefined), (a, b, pooled) => {
        const make = (vs: Partial<Shipment>[], file: string) => vs.map((v, i) => shipment({ file, sheet: '发货', row: i + 2 }, v));
        const [first, second] = [make(a, 'a.xlsx'), make(b, 'b.xlsx')];
        const table = LineTable.of('shipments', first, pooled);
        table.append(posted('shipments', LineTable.of('shipments', second, pooled)));
        expect(rowsOf(table)).toStrictEqual([...first, ...second]);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('shares the values of a column of few, and stores a column of many distinct values as text (70,000 order numbers)', () => {
    const records = Array.from({ length: 70_000 }, (_, i) =>
      shipment({ file: i < 35_000 ? 'a.xlsx' : 'b.xlsx', sheet: 'S', row: i + 2 }, {
        order_id: `2024${String(Math.floor(i / 2)).padStart(14, '0')}`, // two lines an order
        sku: `SKU-${i % 500}`,
        completed_at: Date.UTC(2024, 4, 1) + i * 1000,
        qty: 1 + (i % 3),
        staff: ['张三', '李四'][i % 2],
        tracking_no: i % 7 === 0 ? undefined : `YT${i}`,
        exempt: false,
      }),
    );
    const table = LineTable.of('shipments', records.slice(0, 40_000));
    table.append(posted('shipments', LineTable.of('shipments', records.slice(40_000))));
    expect(rowsOf(table)).toStrictEqual(records);
    // Far less than the ~265 bytes a line of the records.
    expect(table.byteLength / records.length).toBeLessThan(90);
  });

  it('starts a new chunk when one is full of rows or of text, and gives every row back across them', () => {
    // Past a chunk's 524,288 rows; then rows of long text (1.5–3 MB of a 32 MB arena each, the last more than a whole arena).
    const many = Array.from({ length: 600_000 }, (_, i) => shipment({ file: 'a.xlsx', sheet: 'S', row: i + 2 }, { order_id: `T${i}`, completed_at: i * 1000, qty: i % 5 }));
    const long = Array.from({ length: 30 }, (_, i) =>
      shipment({ file: 'b.xlsx', sheet: 'S', row: i + 2 }, { order_id: 'T', completed_at: 0, qty: 1, tracking_no: String(i % 10).repeat(i === 29 ? 12_000_000 : 500_000 + i) }),
    );
    const table = LineTable.of('shipments', many);
    for (const r of long) table.push(r);
    expect(table.length).toBe(many.length + long.length);
    const rows = [...many, ...long];
    for (const i of [0, 524_287, 524_288, 599_999]) expect(table.at(i)).toStrictEqual(rows[i]);
    for (let i = many.length; i < rows.length; i++) expect(table.at(i)).toStrictEqual(rows[i]);
    // Each chunk posted (its one buffer moved) comes back the same: 2 chunks of rows, at least 2 more of text.
    const { data, transfer } = table.post();
    expect(transfer.length).toBeGreaterThanOrEqual(4);
    const back = new LineTable<Shipment>('shipments', structuredClone(data, { transfer }));
    for (const i of [0, 524_288, 600_000, 600_015, 600_029]) expect(back.at(i)).toStrictEqual(rows[i]);
  });

  it('refuses a value of the wrong type rather than give back another', () => {
    const bad = shipment({ file: 'a.xlsx', sheet: 'S', row: 2 }, { order_id: 'T1', completed_at: Number.NaN });
    expect(() => LineTable.of('shipments', [bad])).toThrow(/NaN/);
    const text = shipment({ file: 'a.xlsx', sheet: 'S', row: 2 }, { order_id: 12 as unknown as string, completed_at: 0 });
    expect(() => LineTable.of('shipments', [text])).toThrow(/order_id holds number/);
  });
});

describe('the loader holding logs column by column (LoadOptions.compact)', () => {
  const COMPACT: LogKey[] = ['shipments', 'returns', 'stock_counts'];
  /** What a command sees: every issue, every table's counts, and every row of every log. */
  const seen = (data: Awaited<ReturnType<typeof loadData>>) => ({
    issues: data.issues,
    tables: data.tables,
    rows: Object.fromEntries(LOG_KEYS.map((log) => [log, data.lines[log] ? rowsOf(data.lines[log] as LineTable) : data.records[log]])),
  });

  it('finds the same repeats, duplicates and unknown names and SKUs, and keeps the same rows', async () => {
    const dir = await tempDir();
    const HEAD = ['订单号', '流程完成时间', '发货时间', '货号', '数量', '负责人', '快递公司', '快递单号'];
    const line = (order: string, sku: string, staff = '张三', tracking = `SF-${order}`) => [order, d('2024-05-06 10:00:00'), d('2024-05-07 10:00:00'), sku, 1, staff, '顺丰', tracking];
    await writeXlsx(join(dir, '基础资料.xlsx'), {
      人员: [['姓名', '岗位'], ['张三', '客服'], ['李四', '打包员']],
      商品: [['货号', '品名', '成本单价', '期初库存', '期初日期'], ['A1', '杯', 1, 5, d('2024-04-01')], ['B1', '碗', 1, 6, d('2024-04-01')], ['C1', '盘', 1, 7, d('2024-04-01')]],
    });
    await writeXlsx(join(dir, 'a.xlsx'), { S: [HEAD, line('T1', 'A1'), line('T2', 'B1'), line('T3', 'X9'), line('T4', 'A1', '王五')] });
    await writeXlsx(join(dir, 'b.xlsx'), { S: [HEAD, line('T1', 'A1'), line('T2', 'B1'), line('T3', 'X9'), line('T4', 'A1', '王五')] }); // a copy
    await writeXlsx(join(dir, 'c.xlsx'), {
      S: [HEAD, line('T2', 'B1'), line('T5', 'C1'), line('T5', 'C1', '张三', 'SF-other'), ['T6', 'not a time', null, 'A1', 1, '张三', null, null]],
      R: [['订单号', '类型', '货号', '数量', '申请时间', '客服'], ['T1', '退货', 'A1', 1, d('2024-05-08 09:00:00'), '张三'], ['T1', '退货', 'A1', 1, d('2024-05-08 09:00:00'), '张三'], ['T2', '退款', null, null, d('2024-05-08 10:00:00'), '赵六']],
      C: [['盘点日期', '货号', '库位', '实盘数量'], [d('2024-05-24'), 'A1', null, 5], [d('2024-05-24'), 'A1', null, 6], [d('2024-05-24'), 'Z1', 'B-01', 6]],
    });
    const [records, lines] = await Promise.all([loadData(dir), loadData(dir, { compact: COMPACT })]);
    expect(seen(lines)).toStrictEqual(seen(records));
    for (const log of COMPACT) expect(lines.records[log]).toHaveLength(0);
    // What the case holds, so that the comparison is not of two empty results.
    const codes = new Set(records.issues.map((i) => i.code));
    for (const code of ['duplicate-table', 'duplicate-row', 'unknown-sku', 'unknown-staff', 'type-error']) expect(codes, code).toContain(code);
  });

  it('reads the sample month to the same result on worker threads (their tables posted, not copied)', async () => {
    // Worker threads run the build (dist/), as the CLI does: npm test builds first.
    const { loadData: built } = (await import(new URL('../../dist/logs/load.js', import.meta.url).href)) as typeof import('../../src/logs/load.js');
    const [records, lines] = await Promise.all([built('fixtures/sample'), built('fixtures/sample', { compact: COMPACT, threads: 2 })]);
    expect(seen(lines)).toStrictEqual(seen(records));
    expect(lines.lines.shipments!.length).toBeGreaterThan(100);
  });
});
