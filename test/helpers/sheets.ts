/** Writes small input files the way users send them, for tests. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { openXlsx } from '../../src/read/xlsx.js';
import type { Cell } from '../../src/read/types.js';

export type Row = ExcelJS.CellValue[];

export async function tempDir(prefix = 'ecops-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** An .xlsx with the given sheets; `date` cells are Date objects written with a date format. */
export async function writeXlsx(path: string, sheets: Record<string, Row[]>, options: { date1904?: boolean } = {}) {
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) {
      const row = ws.addRow(r);
      r.forEach((v, i) => {
        if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
    }
  }
  await wb.xlsx.writeFile(path);
}

/** A CSV in the given encoding (gbk, utf8, utf16le with BOM), CRLF like Excel writes. */
export async function writeCsv(path: string, rows: (string | number)[][], encoding: 'gbk' | 'utf8' | 'utf8bom' | 'utf16le' = 'utf8') {
  const text = rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\r\n') + '\r\n';
  const bytes =
    encoding === 'gbk'
      ? iconv.encode(text, 'gbk')
      : encoding === 'utf16le'
        ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
        : encoding === 'utf8bom'
          ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
          : Buffer.from(text, 'utf8');
  await writeFile(path, bytes);
}

/** A wall-clock time as the Date exceljs writes for it (exceljs treats Dates as UTC). */
export function d(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}${text.length <= 10 ? 'T00:00:00' : ''}Z`);
}

/**
 * A document's table as objects keyed by its header row (the last frozen row, under the title block), from the
 * first row under the header to the last before a blank row (the sign-off block follows one); formula cells as
 * their cached results. Read with our own reader: exceljs's reader drops a cached result of 0.
 */
export async function tableOf(path: string, sheet: string): Promise<{ header: number; records: Record<string, Cell>[] }> {
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(path);
  const header = headerRowOf(excel.getWorksheet(sheet)!);
  const wb = await openXlsx(path, path);
  try {
    const rows: Cell[][] = [];
    let headers: string[] = [];
    let ended = false;
    for await (const r of wb.rows(sheet)) {
      if (r.row === header) headers = r.cells.map(String);
      if (r.row <= header || ended) continue;
      if (r.row !== header + 1 + rows.length || r.cells.every((c) => c === null || c === '')) ended = true;
      else rows.push(r.cells);
    }
    return { header, records: rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? null]))) };
  } finally {
    await wb.close();
  }
}

/** A document sheet's header row: the last frozen row (under the title block). */
export function headerRowOf(ws: ExcelJS.Worksheet): number {
  return (ws.views?.[0] as { ySplit?: number } | undefined)?.ySplit ?? 1;
}
