/**
 * The other shapes of input the bench measures, beside the month as generate.ts writes it (one consultations file a day):
 *
 *   one-csv/   every consultation of the month in one CSV file (the daily CSVs joined), the other logs as links
 *   one-xlsx/  every consultation of the month in one sheet of one workbook (the daily workbooks' title row,
 *              header, shared strings and date cells), the other logs as links
 *   sample     the bundled small month, fixtures/sample (43 files, a few thousand rows): where fixed costs show
 *
 * The two single-file folders are derived from a generated month's daily files and cached beside it (a `shape.json`
 * written last marks a folder complete); `tsx bench/shapes.ts --scale 0.1` only makes them.
 */
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
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
const SHAPES_VERSION = 2;
/** exceljs's zip writer (it ships no types): streams entries into a zip. */
interface ZipWriter extends NodeJS.ReadableStream {
  append(source: Buffer | string | Readable, data: { name: string }): void;
  finalize(): Promise<void>;
}
const archiver = createRequire(import.meta.url)('archiver') as (format: 'zip', options: { zlib: { level: number } }) => ZipWriter;
const DAILY = /^咨询记录-\d{4}-\d{2}-\d{2}\.(csv|xlsx)$/;

export async function ensureShapes(m: Manifest, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<Shapes> {
  const base = dirname(m.xlsxDir);
  const shapes: Shapes = { oneCsvDir: join(base, 'one-csv'), oneXlsxDir: join(base, 'one-xlsx') };
  const daily = (await readdir(m.csvDir)).filter((f) => DAILY.test(f) && f.endsWith('.csv')).sort();
  const month = daily[0].slice('咨询记录-'.length, '咨询记录-'.length + 7);
  await shape(shapes.oneCsvDir, m.csvDir, log, (dir) => joinCsv(m.csvDir, daily, join(dir, `咨询记录-${month}.csv`)));
  await shape(shapes.oneXlsxDir, m.xlsxDir, log, (dir) => oneSheet(m.xlsxDir, daily, join(dir, `咨询记录-${month}.xlsx`)));
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

/**
 * The daily workbooks' rows in one sheet of one workbook: the first day's workbook (styles, title row, header),
 * its sheet's rows and every later day's data rows renumbered, each day's shared strings mapped into one table.
 * Written as XML text (exceljs's writer takes an hour for a million rows on this machine); the cells stay as the
 * generator typed them (dates as date-styled numbers, shared strings).
 */
async function oneSheet(dir: string, daily: string[], path: string): Promise<void> {
  const books = daily.map((f) => join(dir, f.replace(/\.csv$/, '.xlsx')));
  // One table of shared strings (their XML as written), and each day's indices into it.
  const sst = new Map<string, number>();
  const maps: Int32Array[] = [];
  for (const book of books) {
    const xml = await (await JSZip.loadAsync(await readFile(book))).file('xl/sharedStrings.xml')!.async('string');
    const items = xml.match(/<si>.*?<\/si>/gs) ?? [];
    maps.push(Int32Array.from(items, (si) => {
      let k = sst.get(si);
      if (k === undefined) sst.set(si, (k = sst.size));
      return k;
    }));
  }
  const first = await JSZip.loadAsync(await readFile(books[0]));
  const sheet = await first.file('xl/worksheets/sheet1.xml')!.async('string');
  const open = sheet.indexOf('<sheetData>') + '<sheetData>'.length;
  const close = sheet.indexOf('</sheetData>');
  async function* rows(): AsyncGenerator<string> {
    yield sheet.slice(0, open);
    let next = 1;
    for (const [d, book] of books.entries()) {
      const xml = d === 0 ? sheet : await (await JSZip.loadAsync(await readFile(book))).file('xl/worksheets/sheet1.xml')!.async('string');
      const data = xml.slice(xml.indexOf('<sheetData>') + '<sheetData>'.length, xml.indexOf('</sheetData>'));
      let out = '';
      for (const row of data.match(/<row [^>]*>.*?<\/row>|<row [^>]*\/>/gs) ?? []) {
        const r = Number(/<row r="(\d+)"/.exec(row)![1]);
        if (d > 0 && r <= 2) continue; // a later day's title and header
        const n = next++;
        out += row
          .replace(/<row r="\d+"/, `<row r="${n}"`)
          .replace(/ r="([A-Z]+)\d+"/g, ` r="$1${n}"`)
          .replace(/t="s"><v>(\d+)<\/v>/g, (_, k: string) => `t="s"><v>${maps[d][Number(k)]}</v>`);
        if (out.length > 1 << 20) {
          yield out;
          out = '';
        }
      }
      yield out;
    }
    yield sheet.slice(close);
  }
  const zip = archiver('zip', { zlib: { level: 6 } });
  const done = new Promise<void>((ok, fail) => {
    const out = createWriteStream(path).once('close', () => ok()).once('error', fail);
    zip.once('error', fail).pipe(out);
  });
  for (const name of Object.keys(first.files)) {
    if (name === 'xl/worksheets/sheet1.xml' || name === 'xl/sharedStrings.xml' || first.files[name].dir) continue;
    zip.append(await first.file(name)!.async('nodebuffer'), { name });
  }
  zip.append(Readable.from(rows()), { name: 'xl/worksheets/sheet1.xml' });
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  zip.append(`${head}<sst xmlns="${ns}" count="${sst.size}" uniqueCount="${sst.size}">${[...sst.keys()].join('')}</sst>`, { name: 'xl/sharedStrings.xml' });
  await zip.finalize();
  await done;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
  console.log(JSON.stringify(await ensureShapes(await ensureData(Number(values.scale))), null, 2));
}
