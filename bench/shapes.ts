/**
 * The other shapes of input the bench measures, beside the month as generate.ts writes it (one consultations file a day):
 *
 *   one-csv/   every consultation of the month in one CSV file (the daily CSVs joined), the other logs as links
 *   one-xlsx/  every consultation of the month in one sheet of one workbook (title row, header, shared strings,
 *              date cells, as the daily workbooks), the other logs as links
 *   sample     the bundled small month, fixtures/sample (43 files, a few thousand rows): where fixed costs show
 *
 * The two single-file folders are derived from a generated month's CSVs and cached beside it (a `shape.json`
 * written last marks a folder complete); `tsx bench/shapes.ts --scale 0.1` only makes them.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { ensureData, type Manifest } from './generate.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const SAMPLE_DIR = join(ROOT, 'fixtures', 'sample');

export interface Shapes {
  /** All consultations in one CSV file, the other logs as workbooks. */
  oneCsvDir: string;
  /** All consultations in one worksheet, the other logs as workbooks. */
  oneXlsxDir: string;
}

/** Bump when a shape's files change. */
const SHAPES_VERSION = 1;
const DAILY = /^咨询记录-\d{4}-\d{2}-\d{2}\.(csv|xlsx)$/;
/** As generate.ts writes the consultations: its date-time columns and its number columns. */
const DATE_COLUMNS = new Set([0, 4, 8, 11]);
const NUMBER_COLUMNS = new Set([5, 7]);
const F_DT = 'yyyy-mm-dd hh:mm:ss';

export async function ensureShapes(m: Manifest, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<Shapes> {
  const base = dirname(m.xlsxDir);
  const shapes: Shapes = { oneCsvDir: join(base, 'one-csv'), oneXlsxDir: join(base, 'one-xlsx') };
  const daily = (await readdir(m.csvDir)).filter((f) => DAILY.test(f) && f.endsWith('.csv')).sort();
  const month = daily[0].slice('咨询记录-'.length, '咨询记录-'.length + 7);
  await shape(shapes.oneCsvDir, m.csvDir, log, (dir) => joinCsv(m.csvDir, daily, join(dir, `咨询记录-${month}.csv`)));
  await shape(shapes.oneXlsxDir, m.xlsxDir, log, (dir) => oneSheet(m.csvDir, daily, join(dir, `咨询记录-${month}.xlsx`), month));
  return shapes;
}

/** A shape's folder: reused when complete, else made in a side folder (its file, then links to the other logs) and renamed. */
async function shape(dir: string, others: string, log: (s: string) => void, make: (dir: string) => Promise<void>): Promise<void> {
  const marker = await readFile(join(dir, 'shape.json'), 'utf8').then((t) => JSON.parse(t) as { version: number }, () => undefined);
  if (marker?.version === SHAPES_VERSION) return;
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const t0 = Date.now();
  log(`making ${dir}`);
  await make(partial);
  for (const f of (await readdir(others)).filter((f) => !DAILY.test(f) && /\.(xlsx|csv)$/.test(f))) {
    await symlink(join('..', others.split('/').pop()!, f), join(partial, f));
  }
  await writeFile(join(partial, 'shape.json'), JSON.stringify({ version: SHAPES_VERSION, seconds: (Date.now() - t0) / 1000 }));
  await rename(partial, dir);
}

/** The daily CSVs joined: the first one's BOM and header, then every file's data lines as they are. */
async function joinCsv(dir: string, daily: string[], path: string): Promise<void> {
  const out = createWriteStream(path);
  for (const [i, f] of daily.entries()) {
    let text = await readFile(join(dir, f));
    if (i > 0) text = text.subarray(text.indexOf(0x0a) + 1); // BOM and header line
    if (!out.write(text)) await new Promise<void>((ok) => out.once('drain', () => ok()));
  }
  await new Promise<void>((ok, fail) => out.end(() => ok()).once('error', fail));
}

/** The daily CSVs' rows in one sheet, typed as generate.ts types them (dates as date cells, counts as numbers). */
async function oneSheet(dir: string, daily: string[], path: string, month: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('咨询记录', { views: [{ state: 'frozen', ySplit: 2 }] });
  const date = { numFmt: F_DT };
  const plain = {};
  let headers: string[] | undefined;
  for (const [i, f] of daily.entries()) {
    const records = createReadStream(join(dir, f)).pipe(parse({ bom: true, relax_column_count: true }));
    let first = true;
    for await (const record of records as AsyncIterable<string[]>) {
      if (first) {
        first = false;
        if (i > 0) continue;
        headers = record;
        const [y, mo] = month.split('-').map(Number);
        const title = ws.addRow([`${y}年${mo}月咨询记录`]);
        title.getCell(1).font = { bold: true, size: 14 };
        ws.mergeCells(1, 1, 1, headers.length);
        title.commit();
        const header = ws.addRow(headers);
        header.eachCell((c) => (c.font = { bold: true }));
        header.commit();
        headers.forEach((h, k) => (ws.getColumn(k + 1).width = DATE_COLUMNS.has(k) ? 20 : Math.max(10, h.length * 2 + 4)));
        continue;
      }
      const values = record.map((s, k) => cell(s, k));
      const row = ws.addRow(values);
      row.eachCell((c, col) => (c.style = DATE_COLUMNS.has(col - 1) ? date : plain));
      row.commit();
    }
  }
  ws.commit();
  await wb.commit();
}

function cell(s: string, k: number): string | number | Date | null {
  if (s === '') return null;
  if (DATE_COLUMNS.has(k)) {
    const [y, mo, d, h, mi, se] = s.split(/[- :]/).map(Number);
    return new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  }
  return NUMBER_COLUMNS.has(k) && /^\d+$/.test(s) ? Number(s) : s;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
  console.log(JSON.stringify(await ensureShapes(await ensureData(Number(values.scale))), null, 2));
}
