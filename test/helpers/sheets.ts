/** Writes small input files the way users send them, for tests. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

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
