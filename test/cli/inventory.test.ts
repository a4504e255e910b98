/** reconcile and close on the sample month, through the built CLI; the workbooks read back with exceljs. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
import { openXlsx } from '../../src/read/xlsx.js';
import { tableOf, tempDir } from '../helpers/sheets.js';

const SAMPLE = ['--data', 'fixtures/sample'];

async function open(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** A sheet's table as objects keyed by its header row, formula cells as their cached results. */
async function rowsOf(path: string, sheet: string) {
  return (await tableOf(path, sheet)).records;
}

/** Every cell of a sheet as our reader gives it (cached formula results, 0 included), by row and column letter. */
async function gridOf(path: string, sheet: string) {
  const wb = await openXlsx(path, path);
  const rows = new Map<number, unknown[]>();
  try {
    for await (const r of wb.rows(sheet)) rows.set(r.row, r.cells);
  } finally {
    await wb.close();
  }
  const index = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const value = (row: number, col: string) => rows.get(row)?.[index(col)] ?? null;
  return {
    value,
    text: (row: number, col: string) => String(value(row, col) ?? ''),
    /** Each row's non-empty cells joined by |, one row a line. */
    all: () => [...rows.values()].map((cells) => cells.filter((c) => c !== null && c !== '').join('|')).join('\n'),
  };
}

function formulaOf(ws: ExcelJS.Worksheet, address: string): string | undefined {
  const v = ws.getCell(address).value;
  return v && typeof v === 'object' && 'formula' in v ? v.formula : undefined;
}

describe('ecops close --month 2024-05 on the sample', () => {
  let json: any;
  let out: string;
  beforeAll(async () => {
    const r = ecops(['close', '--month', '2024-05', ...SAMPLE, '--json']);
    expect(r.status).toBe(0);
    json = JSON.parse(r.stdout);
    out = await tempDir();
    expect(ecops(['close', '--month', '2024-05', ...SAMPLE, '--out', out]).status).toBe(0);
  });

  it('ties out: closing = opening + movements for every SKU, totals = sums of lines', () => {
    expect(json.month).toBe('2024-05');
    expect(json.lines.length).toBeGreaterThan(20);
    const fen = (x: number) => Math.round(x * 100);
    for (const l of json.lines) {
      expect(l.closing).toBe(l.opening + l.inbound - l.shipped + l.returned + l.gains - l.losses);
      const movements = fen(l.openingValue) + fen(l.inboundValue) - fen(l.shippedValue) + fen(l.returnedValue) + fen(l.gainsValue) - fen(l.lossesValue);
      expect(fen(l.closingValue)).toBe(movements + fen(l.rounding));
    }
    const t = json.totals;
    expect(fen(t.closingValue)).toBe(fen(t.openingValue) + fen(t.inboundValue) - fen(t.shippedValue) + fen(t.returnedValue) + fen(t.gainsValue) - fen(t.lossesValue) + fen(t.rounding));
    expect(fen(t.lossAmount)).toBe(fen(t.lossesValue) + fen(t.damagedValue));
    expect(json.costing).toBe('standard');
    expect(json.kpis.turnover).toBe(Math.round((t.shippedValue / ((t.openingValue + t.closingValue) / 2)) * 10_000) / 10_000);
    expect(json.kpis.accuracy).toBe(Math.round((json.kpis.exactLines / json.kpis.countLines) * 10_000) / 10_000);
    expect(json.kpis.countLines).toBeGreaterThan(json.kpis.exactLines);
    const closing = json.lines.reduce((s: number, l: { closingValue: number }) => s + Math.round(l.closingValue * 100), 0);
    expect(Math.round(json.totals.closingValue * 100)).toBe(closing);
    const losses = json.losses.reduce((s: number, l: { amount: number }) => s + Math.round(l.amount * 100), 0);
    expect(Math.round(json.totals.lossAmount * 100)).toBe(losses);
    expect(json.losses.map((l: { reason: string }) => l.reason)).toEqual(expect.arrayContaining(['盘亏', '退货破损']));
  });

  it('writes the 进销存汇总表 as an accounting form: grouped header, live formulas whose cached values equal the JSON', async () => {
    const path = join(out, 'inventory-2024-05.xlsx');
    const wb = await open(path);
    const ws = wb.getWorksheet('进销存汇总')!;
    const g = await gridOf(path, '进销存汇总');
    const h = (ws.views[0] as { ySplit: number }).ySplit; // the second header row, frozen
    expect(g.text(1, 'A')).toBe('电商部 进销存汇总表');
    expect(g.all()).toContain('编制单位：电商部　　计价方法：标准成本　　单位：元');
    // Two header rows: 期初结存 over 数量 单价 金额, …; the id columns span both
    expect([g.text(h - 1, 'A'), g.text(h - 1, 'D'), g.text(h - 1, 'E'), g.text(h - 1, 'H'), g.text(h - 1, 'K'), g.text(h - 1, 'N')]).toEqual(['货号', '单位', '期初结存', '本期入库', '本期退货入库', '盘盈']);
    expect([g.text(h - 1, 'Q'), g.text(h - 1, 'T'), g.text(h - 1, 'W'), g.text(h - 1, 'Z'), g.text(h - 1, 'AA')]).toEqual(['本期发出', '盘亏', '期末结存', '尾差', '退货破损（备查）']);
    expect([g.text(h, 'E'), g.text(h, 'F'), g.text(h, 'G'), g.text(h, 'AB')]).toEqual(['数量', '单价', '金额', '金额']);
    expect(ws.model.merges).toEqual(expect.arrayContaining([`A${h - 1}:A${h}`, `E${h - 1}:G${h - 1}`, `Z${h - 1}:Z${h}`]));
    json.lines.forEach((l: any, i: number) => {
      const row = h + 1 + i;
      expect([g.text(row, 'A'), g.value(row, 'W'), g.value(row, 'Y'), g.value(row, 'Z'), g.value(row, 'AA'), g.value(row, 'AB')]).toEqual([
        l.sku, l.closing, l.closingValue, l.rounding, l.damagedQty, l.damagedValue,
      ]);
      expect(g.value(row, 'D')).toBe('件');
    });
    const r1 = h + 1;
    expect(formulaOf(ws, `W${r1}`)).toBe(`E${r1}+H${r1}+K${r1}+N${r1}-Q${r1}-T${r1}`);
    expect(formulaOf(ws, `Z${r1}`)).toBe(`ROUND(Y${r1}-(G${r1}+J${r1}+M${r1}+P${r1}-S${r1}-V${r1}),2)`);
    const totalRow = h + 1 + json.lines.length;
    expect(g.text(totalRow, 'A')).toBe('合计');
    expect([g.value(totalRow, 'G'), g.value(totalRow, 'Y'), g.value(totalRow, 'Z'), g.value(totalRow, 'AB')]).toEqual([
      json.totals.openingValue, json.totals.closingValue, json.totals.rounding, json.totals.damagedValue,
    ]);
    expect(formulaOf(ws, `Y${totalRow}`)).toBe(`SUBTOTAL(109,Y${r1}:Y${totalRow - 1})`);
    expect(ws.getCell(`F${r1}`).numFmt).toBe('#,##0.0000');
    expect(ws.getCell(`G${r1}`).numFmt).toBe('#,##0.00');
    // The check against the 报损单, the KPIs, the sign-off
    expect(g.all()).toContain('核对：报损单合计 130.21 = 进销存盘亏 106.51 + 退货破损 23.70');
    expect(g.all()).toContain(`库存周转率|${json.kpis.turnover.toFixed(2)}`);
    expect(g.all()).toMatch(/制表：_+　+仓库主管：_+　+财务审核：_+/);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 2, paperSize: 9, printTitlesColumn: 'A:B' });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['进销存汇总', '校验问题']);
  });

  it('writes the 报损单 with 单号, 序号, 报损原因, the total in figures and in capitals, the check and its sign-off', async () => {
    const path = join(out, 'loss-2024-05.xlsx');
    const rows = await rowsOf(path, '报损单');
    const g = await gridOf(path, '报损单');
    const lines = rows.slice(0, json.losses.length);
    expect(lines.map((r) => [r['序号'], r['货号'], r['数量'], r['金额']])).toEqual(json.losses.map((l: any, i: number) => [i + 1, l.sku, l.qty, l.amount]));
    expect(lines.map((r) => r['单位'])).toEqual(json.losses.map(() => '件'));
    // A date-only count prints as its day; the damaged return names its reason and order
    expect(lines[0]['日期']).toBe('2024-05-10');
    const damaged = lines.find((r) => String(r['报损原因']).startsWith('退货破损'))!;
    expect(damaged['报损原因']).toMatch(/^退货破损：.+（订单 \d+）$/);
    expect(rows[json.losses.length]['序号']).toBe('合计');
    expect(rows[json.losses.length]['金额']).toBe(json.totals.lossAmount);
    expect(g.all()).toContain('单号：BS-202405');
    expect(g.all()).toContain('合计金额（大写）：壹佰叁拾元贰角壹分');
    expect(g.all()).toContain('核对：报损单合计 130.21 = 进销存盘亏 106.51 + 退货破损 23.70');
    expect(g.all()).toMatch(/经办：_+　+仓库主管：_+　+财务审核：_+　+审批：_+/);
  });
});

describe('ecops reconcile --week 2024-W21 on the sample', () => {
  it('gives the JSON of docs/outputs.md#json and a workbook with the same lines', async () => {
    const r = ecops(['reconcile', '--week', '2024-W21', ...SAMPLE, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.period).toBe('2024-W21');
    expect(Object.keys(json)).toEqual(['period', 'lines', 'notCounted', 'reorder', 'delist', 'issues']);
    expect(Object.keys(json.lines[0])).toEqual(['sku', 'countedAt', 'book', 'counted', 'variance', 'varianceValue', 'systemQty']);
    for (const l of json.lines) {
      expect(l.variance).toBe(l.counted - l.book);
      expect(l.countedAt >= '2024-05-20T00:00:00' && l.countedAt <= '2024-05-26T23:59:59').toBe(true);
    }
    expect(json.delist.map((d: { sku: string; urgent: boolean }) => [d.sku, d.urgent])).toEqual([
      ['YF-J401', false],
      ['YF-J402', false],
      ['JJ-L901', true],
      ['JJ-W001', false],
    ]);
    // Only the stock logs are read: the planted consultation and presence errors are not reconcile's business.
    expect(json.issues.map((i: { file: string }) => i.file).sort()).toEqual(['入库单.xlsx', '入库单.xlsx', '发货记录.csv', '基础资料.xlsx', '退换货登记.xlsx']); // 基础资料: the ignored 备忘 sheet
    expect(json.reorder.length).toBeGreaterThan(0);

    const out = await tempDir();
    expect(ecops(['reconcile', '--week', '2024-W21', ...SAMPLE, '--out', out]).status).toBe(0);
    const path = join(out, 'reconcile-2024-W21.xlsx');
    const wb = await open(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['盘点差异', '未盘点', '进货建议', '下架通知', '校验问题']);
    const rows = await rowsOf(path, '盘点差异');
    const lines = rows.slice(0, json.lines.length);
    // Exceptions first (盘亏, then 盘盈), then the lines that match, each group in the JSON's order
    const rank = (v: number) => (v < 0 ? 0 : v > 0 ? 1 : 2);
    const sorted = json.lines.map((l: any, i: number) => ({ l, i })).sort((a: any, b: any) => rank(a.l.variance) - rank(b.l.variance) || a.i - b.i).map((x: any) => x.l);
    expect(lines.map((x) => [x['货号'], x['差异'], x['结果']])).toEqual(
      sorted.map((l: { sku: string; variance: number }) => [l.sku, l.variance, l.variance < 0 ? '盘亏' : l.variance > 0 ? '盘盈' : '一致']),
    );
    // What the count sheet said, and the date as it gave it
    expect(lines.every((x) => x['库位'] && x['盘点人'] && x['盘点日期'] === '2024-05-24')).toBe(true);
    expect(lines[0]['店铺差异']).toBe(lines[0]['店铺库存'] as number - (lines[0]['实盘数量'] as number));
    // Net, gains and losses apart
    const value = (label: string) => rows.find((x) => x['货号'] === label)!['差异金额'];
    const gains = json.lines.filter((l: any) => l.variance > 0).reduce((a: number, l: any) => a + l.varianceValue * 100, 0) / 100;
    const losses = json.lines.filter((l: any) => l.variance < 0).reduce((a: number, l: any) => a + l.varianceValue * 100, 0) / 100;
    expect([value('净差异'), value('其中：盘盈'), value('其中：盘亏')]).toEqual([Math.round((gains + losses) * 100) / 100, gains, losses]);
    const g = await gridOf(path, '盘点差异');
    expect(g.text(1, 'A')).toBe('电商部 盘点差异表');
    expect(g.all()).toContain('2024年第21周（5月20日–5月26日）');
    expect(g.all()).toMatch(/盘点人：_+　+仓库主管：_+　+复核：_+/);
    expect(g.all()).toContain('店铺差异 = 店铺库存 − 实盘数量');
    // 紧急 only for what is out of stock and still shown by the shop
    const delist = await rowsOf(path, '下架通知');
    expect(delist.filter((x) => x['紧急'] === '紧急').map((x) => [x['货号'], x['原因']])).toEqual(
      json.delist.filter((d: any) => d.urgent).map((d: any) => [d.sku, '缺货']),
    );
    expect((await rowsOf(path, '进货建议')).map((x) => x['补货目标'])).toContain('最高库存 20');
    const issues = await rowsOf(path, '校验问题');
    expect(issues.length).toBe(json.issues.length);
  });

  it('rejects a bad week or both --week and --date with exit 2', () => {
    expect(ecops(['reconcile', '--week', '2024-W54', ...SAMPLE]).status).toBe(2);
    expect(ecops(['reconcile', '--week', '2024-W21', '--date', '2024-05-24', ...SAMPLE]).status).toBe(2);
    expect(ecops(['close', '--month', '2024-13', ...SAMPLE]).status).toBe(2);
  });

  it('--strict refuses to write with input errors', async () => {
    const out = await tempDir();
    const r = ecops(['reconcile', '--week', '2024-W21', ...SAMPLE, '--strict', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--strict');
  });
});

describe('ecops stock --date on the sample', () => {
  it('gives the JSON of the daily check and the workbook stock-YYYY-MM-DD.xlsx with the same lines', async () => {
    const r = ecops(['stock', '--date', '2024-05-25', ...SAMPLE, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['date', 'lines', 'reorder', 'shortages', 'delist', 'issues']);
    expect(json.date).toBe('2024-05-25');
    expect(Object.keys(json.lines[0])).toEqual(['sku', 'book', 'safetyStock', 'status']);
    // JJ-L901 sold out on the 25th: under 警戒库存 3 (fill to 20), and short
    expect(json.reorder).toContainEqual({ sku: 'JJ-L901', book: 0, safetyStock: 3, suggested: 20 });
    expect(json.shortages).toContainEqual({ sku: 'JJ-L901', book: 0, openOrders: [] });
    expect(json.delist.map((d: { sku: string }) => d.sku)).toEqual(['YF-J401', 'YF-J402', 'JJ-W001']);

    const out = await tempDir();
    expect(ecops(['stock', '--date', '2024-05-25', ...SAMPLE, '--out', out]).status).toBe(0);
    const path = join(out, 'stock-2024-05-25.xlsx');
    const wb = await open(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['库存', '警戒补货', '缺货', '过季下架', '校验问题']);
    const lines = (await rowsOf(path, '库存')).filter((x) => x['货号'] !== '合计');
    expect(lines.map((x) => [x['货号'], x['账面库存']])).toEqual(json.lines.map((l: { sku: string; book: number }) => [l.sku, l.book]));
  });

  it('rejects a missing or malformed date with exit 2', () => {
    expect(ecops(['stock', ...SAMPLE]).status).toBe(2);
    expect(ecops(['stock', '--date', '2024-5-25', ...SAMPLE]).status).toBe(2);
  });
});
