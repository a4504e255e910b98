import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/issues.js';
import { addTableSheet, fitWidths, periodTitle, SIGN_OFF, writeWorkbook, type SheetColumn } from '../../src/output/workbook.js';
import { parseIsoWeek, parseMonth } from '../../src/core/time.js';
import { tempDir } from '../helpers/sheets.js';

interface Line {
  sku: string;
  qty: number;
  cost: number;
}

const columns: SheetColumn<Line>[] = [
  { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
  { key: 'qty', header: { zh: '数量', en: 'qty' }, format: 'int', value: (l) => l.qty, total: true, alert: (l) => l.qty < 0 },
  { key: 'cost', header: { zh: '成本单价', en: 'unitCost' }, format: 'number', value: (l) => l.cost },
  { header: { zh: '金额', en: 'amount' }, format: 'money', value: (l) => Math.round(l.qty * l.cost * 100) / 100, formula: (ref) => `ROUND(${ref('qty')}*${ref('cost')},2)`, total: true },
];

// More rows than are written between turns of the event loop, so the sheet leaves in several pieces.
const lines: Line[] = Array.from({ length: 5_000 }, (_, i) => ({ sku: `SKU-${String(i).padStart(5, '0')}`, qty: (i % 7) - 1, cost: 12.5 + (i % 3) }));

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('writeWorkbook + addTableSheet (streamed)', () => {
  it('writes every row, live formulas with cached results, totals, a footer, widths, a frozen header and a filter', async () => {
    const path = join(await tempDir(), 'inventory.xlsx');
    await writeWorkbook(path, async (wb) => {
      await addTableSheet(wb, { zh: '明细', en: 'Lines' }, 'zh', columns, lines, { footer: [[], ['制表：', '', '审核：']] });
      await addTableSheet(wb, { zh: '空表', en: 'Empty' }, 'zh', columns, []);
    });
    const wb = await readBack(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['明细', '空表']);
    const ws = wb.getWorksheet('明细')!;
    expect(ws.getRow(1).values).toEqual([undefined, '货号', '数量', '成本单价', '金额']);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, name: '等线' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:D5001');
    expect(ws.getCell('A5001').value).toBe('SKU-04999');
    // (exceljs's reader leaves a cached 0 out of .value, so the formula and its result are read apart.)
    expect([ws.getCell('D3').formula, ws.getCell('D3').result]).toEqual(['ROUND(B3*C3,2)', 0]);
    expect([ws.getCell('D4').formula, ws.getCell('D4').result]).toEqual(['ROUND(B4*C4,2)', 14.5]);
    expect(ws.getCell('D4').numFmt).toBe('#,##0.00');
    // Negative quantities are flagged, the others not.
    expect(ws.getCell('B2').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('B3').fill).not.toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    const qty = lines.reduce((s, l) => s + l.qty, 0);
    const amount = Math.round(lines.reduce((s, l) => s + Math.round(l.qty * l.cost * 100), 0)) / 100;
    expect(ws.getCell('A5002').value).toBe('合计');
    expect([ws.getCell('B5002').formula, ws.getCell('B5002').result]).toEqual(['SUBTOTAL(109,B2:B5001)', qty]);
    expect([ws.getCell('D5002').formula, ws.getCell('D5002').result]).toEqual(['SUBTOTAL(109,D2:D5001)', amount]);
    expect(ws.getCell('A5004').value).toBe('制表：');
    expect(ws.getCell('C5004').value).toBe('审核：');
    // Widths fit the longest shown value (the header, or "SKU-04999"), measured before the first row was written.
    expect(ws.getColumn(1).width).toBe('SKU-04999'.length + 2);
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual('-14.50'.length + 2);
    expect(wb.getWorksheet('空表')!.rowCount).toBe(1);
  });

  it('a folder that cannot be written to is a UsageError naming the file, and nothing is left behind', async () => {
    const dir = await tempDir();
    const path = join(dir, 'missing', 'score-2024-05.xlsx');
    const err = await writeWorkbook(path, async (wb) => addTableSheet(wb, { zh: '明细', en: 'Lines' }, 'en', columns, lines)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).text.en).toContain(path);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a sheet that fails half-way leaves neither the workbook nor its temporary file', async () => {
    const dir = await tempDir();
    const failing: SheetColumn<Line>[] = [{ header: { zh: '货号', en: 'sku' }, value: (l) => { if (l.sku === 'SKU-03000') throw new Error('boom'); return l.sku; } }];
    await expect(writeWorkbook(join(dir, 'x.xlsx'), (wb) => addTableSheet(wb, { zh: '明细', en: 'Lines' }, 'en', failing, lines))).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });

  it('a document: title block (company, name, period, 制表时间, extra lines), header frozen and repeated, A4, page numbers, borders, named bold fonts, sign-off, real creation time', async () => {
    const path = join(await tempDir(), 'loss.xlsx');
    const before = Date.now();
    await writeWorkbook(
      path,
      (wb) => addTableSheet(wb, { zh: '报损单', en: 'Losses' }, 'zh', columns, lines.slice(0, 3), { signOff: SIGN_OFF.finance, lines: ['说明：金额 = 数量 × 成本单价'] }),
      { company: '杭州小店电子商务有限公司', period: '2024年5月', lines: ['数据截至 2024-05-31 23:59:59'] },
    );
    const wb = await readBack(path);
    expect(wb.company).toBe('杭州小店电子商务有限公司');
    expect(wb.created.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const ws = wb.getWorksheet('报损单')!;
    expect(ws.getCell('A1').value).toBe('杭州小店电子商务有限公司 报损单');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, name: '等线' });
    expect(ws.getCell('A2').value).toMatch(/^期间：2024年5月　　制表时间：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(ws.getCell('A3').value).toBe('数据截至 2024-05-31 23:59:59');
    expect(ws.getCell('A4').value).toBe('说明：金额 = 数量 × 成本单价');
    expect(ws.getRow(6).values).toEqual([undefined, '货号', '数量', '成本单价', '金额']);
    expect(ws.model.merges).toContain('A1:D1');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.autoFilter).toBe('A6:D9');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '6:6' });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 / 共 &N 页');
    expect(ws.headerFooter.oddHeader).toBe('&L杭州小店电子商务有限公司&R报损单 2024年5月');
    // Every bold cell names its font (a nameless bold prints in LibreOffice's serif fallback); cells have borders.
    ws.eachRow((row) => row.eachCell((cell) => cell.font?.bold && expect(cell.font.name, cell.address).toBe('等线')));
    expect(ws.getCell('B7').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    expect([ws.getCell('B10').formula, ws.getCell('A10').value]).toEqual(['SUBTOTAL(109,B7:B9)', '合计']);
    expect(ws.getCell('A12').value).toBe('制表：__________　　　仓库主管：__________　　　财务审核：__________　　　日期：__________');
  });

  it('widths stay printable at ≥ 70 %: long text columns are capped and wrap, numbers keep theirs', () => {
    const { widths, wrapped } = fitWidths([21, 90, 80, 8, 60], [undefined, 50, undefined, undefined, undefined], [false, true, true, false, true], 'portrait');
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(138);
    expect(widths[0]).toBe(21);
    expect(widths[3]).toBe(8);
    expect(wrapped).toEqual([false, true, true, false, true]);
  });

  it('periods as people write them', () => {
    expect(periodTitle(parseMonth('2024-05')!, 'zh')).toBe('2024年5月');
    expect(periodTitle(parseMonth('2024-05')!, 'en')).toBe('May 2024');
    expect(periodTitle(parseIsoWeek('2024-W21')!, 'zh')).toBe('2024年第21周（5月20日–5月26日）');
    expect(periodTitle(parseIsoWeek('2024-W21')!, 'en')).toBe('2024 week 21 (20 May – 26 May)');
  });
});
