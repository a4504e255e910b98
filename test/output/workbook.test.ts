import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/issues.js';
import { addTableSheet, writeWorkbook, type SheetColumn } from '../../src/output/workbook.js';
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
    expect(ws.getRow(1).font?.bold).toBe(true);
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
    expect([ws.getCell('B5002').formula, ws.getCell('B5002').result]).toEqual(['SUM(B2:B5001)', qty]);
    expect([ws.getCell('D5002').formula, ws.getCell('D5002').result]).toEqual(['SUM(D2:D5001)', amount]);
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
});
