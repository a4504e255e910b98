/** reconcile and close on the sample month, through the built CLI; the workbooks read back with exceljs. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
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

  it('writes the movement workbook with live formulas whose cached values equal the JSON', async () => {
    const path = join(out, 'inventory-2024-05.xlsx');
    const wb = await open(path);
    const ws = wb.getWorksheet('进销存汇总')!;
    const { header, records: rows } = await tableOf(path, '进销存汇总');
    expect(ws.getCell('A1').value).toBe('电商部 进销存汇总'); // the title block, then the header, frozen
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    expect(header).toBeGreaterThan(2);
    expect(ws.autoFilter).toBeTruthy();
    const cell = (column: string, n: number) => `${column}${header + n}`; // the n-th line under the header
    const lines = rows.slice(0, -1);
    expect(lines.map((r) => r['货号'])).toEqual(json.lines.map((l: { sku: string }) => l.sku));
    lines.forEach((r, i) => {
      expect(r['期末']).toBe(json.lines[i].closing);
      expect(r['期末金额']).toBe(json.lines[i].closingValue);
    });
    // 货号 品名 规格 成本单价 | 期初 E, 金额 F | 入库 G, H | 发货 I, J | 退货入库 K, L | 盘盈 M, N | 盘亏 O, P | 期末 Q, 金额 R
    const r1 = header + 1;
    expect(formulaOf(ws, cell('Q', 1))).toBe(`E${r1}+G${r1}-I${r1}+K${r1}+M${r1}-O${r1}`);
    expect(formulaOf(ws, cell('R', 1))).toBe(`ROUND(Q${r1}*D${r1},2)`);
    expect(formulaOf(ws, cell('F', 1))).toBe(`ROUND(E${r1}*D${r1},2)`);
    const total = rows.at(-1)!;
    expect(total['货号']).toBe('合计');
    expect(total['期末金额']).toBe(json.totals.closingValue);
    expect(total['期初金额']).toBe(json.totals.openingValue);
    expect(formulaOf(ws, cell('R', rows.length))).toBe(`SUBTOTAL(109,R${r1}:R${header + rows.length - 1})`);
    expect(ws.getCell(cell('R', 1)).numFmt).toBe('#,##0.00');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['进销存汇总', '校验问题']);
  });

  it('writes the loss workbook with its total and the sign-off block', async () => {
    const path = join(out, 'loss-2024-05.xlsx');
    const ws = (await open(path)).getWorksheet('报损单')!;
    const rows = await rowsOf(path, '报损单');
    const total = rows.find((r) => r['日期'] === '合计')!;
    expect(total['金额']).toBe(json.totals.lossAmount);
    expect(JSON.stringify(ws.getSheetValues())).toMatch(/制表：_+　+仓库主管：_+　+财务审核：_+/);
  });
});

describe('ecops reconcile --week 2024-W21 on the sample', () => {
  it('gives the JSON of SPEC §5.1 and a workbook with the same lines', async () => {
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
    expect(json.delist.some((d: { urgent: boolean }) => d.urgent)).toBe(true);
    // Only the stock logs are read: the planted consultation and presence errors are not reconcile's business.
    expect(json.issues.map((i: { file: string }) => i.file).sort()).toEqual(['入库单.xlsx', '入库单.xlsx', '发货记录.csv', '基础资料.xlsx', '退换货登记.xlsx']); // 基础资料: the ignored 备忘 sheet
    expect(json.reorder.length).toBeGreaterThan(0);

    const out = await tempDir();
    expect(ecops(['reconcile', '--week', '2024-W21', ...SAMPLE, '--out', out]).status).toBe(0);
    const path = join(out, 'reconcile-2024-W21.xlsx');
    const wb = await open(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['盘点差异', '未盘点', '进货建议', '下架通知', '校验问题']);
    const lines = (await rowsOf(path, '盘点差异')).filter((x) => x['货号'] !== '合计');
    expect(lines.map((x) => [x['货号'], x['差异']])).toEqual(json.lines.map((l: { sku: string; variance: number }) => [l.sku, l.variance]));
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
