/**
 * The floors ecops is measured against: the least work that reads the same files, independent of src/.
 *   xml      yauzl + saxes over every worksheet, shared strings resolved, every cell's value touched
 *   exceljs  exceljs's streaming WorkbookReader (shared strings cached, worksheets emitted), every cell touched
 *   csv      csv-parse over every CSV file, every field touched
 *
 *   tsx bench/floors.ts <xml|exceljs|csv> DIR    prints { kind, files, rows, cells, seconds, cpuSeconds } as JSON
 *
 * `rows` counts every row met (title and header rows included); `seconds` is the parsing alone, measured inside
 * the process (module loading and start-up left out).
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';

export type FloorKind = 'xml' | 'exceljs' | 'csv';
export interface FloorResult {
  kind: FloorKind;
  files: number;
  rows: number;
  cells: number;
  seconds: number;
  /** user + system CPU seconds of the parse */
  cpuSeconds: number;
}

interface Tally {
  rows: number;
  cells: number;
  /** Every value flows into this, so no work can be optimised away. */
  sink: number;
}
const touch = (t: Tally, v: unknown) => {
  t.cells++;
  t.sink += typeof v === 'string' ? v.length : typeof v === 'number' ? v : 1;
};

// ---------------------------------------------------------------------------------------------------------------
// yauzl + saxes

async function* text(zip: yauzl.ZipFile, entry: yauzl.Entry): AsyncGenerator<string> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream as AsyncIterable<Buffer>) yield decoder.write(chunk);
  yield decoder.end();
}

function parser(onOpen: (t: SaxesTagPlain) => void, onClose: (t: SaxesTagPlain) => void, onText: (s: string) => void) {
  const p = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  p.on('opentag', onOpen);
  p.on('closetag', onClose);
  p.on('text', onText);
  return p;
}

async function sharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): Promise<string[]> {
  const sst: string[] = [];
  if (!entry) return sst;
  let cur = '';
  let inT = false;
  let phonetic = 0;
  const p = parser(
    (t) => {
      if (t.name === 't') inT = phonetic === 0;
      else if (t.name === 'si') cur = '';
      else if (t.name === 'rPh') phonetic++;
    },
    (t) => {
      if (t.name === 't') inT = false;
      else if (t.name === 'si') sst.push(cur);
      else if (t.name === 'rPh') phonetic--;
    },
    (s) => {
      if (inT) cur += s;
    },
  );
  for await (const s of text(zip, entry)) p.write(s);
  p.close();
  return sst;
}

async function sheet(zip: yauzl.ZipFile, entry: yauzl.Entry, sst: string[], t: Tally): Promise<void> {
  let type: string | undefined;
  let v = '';
  let inV = false;
  const p = parser(
    (tag) => {
      if (tag.name === 'c') {
        type = tag.attributes.t;
        v = '';
      } else if (tag.name === 'v' || (tag.name === 't' && type === 'inlineStr')) inV = true;
    },
    (tag) => {
      if (tag.name === 'v' || tag.name === 't') inV = false;
      else if (tag.name === 'c') touch(t, type === 's' ? sst[+v] : type === 'str' || type === 'inlineStr' ? v : +v);
      else if (tag.name === 'row') t.rows++;
    },
    (s) => {
      if (inV) v += s;
    },
  );
  for await (const s of text(zip, entry)) p.write(s);
  p.close();
}

async function xmlFile(path: string, t: Tally): Promise<void> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  try {
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.set(e.fileName, e);
        zip.readEntry();
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
    const sst = await sharedStrings(zip, entries.get('xl/sharedStrings.xml'));
    for (const [name, entry] of entries) {
      if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) await sheet(zip, entry, sst, t);
    }
  } finally {
    zip.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// exceljs and csv-parse

async function exceljsFile(path: string, t: Tally): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const ws of reader) {
    for await (const row of ws) {
      t.rows++;
      row.eachCell((c) => touch(t, c.value));
    }
  }
}

async function csvFile(path: string, t: Tally): Promise<void> {
  const records = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true }));
  for await (const record of records as AsyncIterable<string[]>) {
    t.rows++;
    for (const field of record) touch(t, field);
  }
}

const READERS: Record<FloorKind, { ext: RegExp; read: (path: string, t: Tally) => Promise<void> }> = {
  xml: { ext: /\.xlsx$/i, read: xmlFile },
  exceljs: { ext: /\.xlsx$/i, read: exceljsFile },
  csv: { ext: /\.csv$/i, read: csvFile },
};

/** Reads every file of the kind in `dir` (links followed), one after the other, as ecops does. */
export async function floor(kind: FloorKind, dir: string): Promise<FloorResult> {
  const { ext, read } = READERS[kind];
  const files = (await readdir(dir)).filter((f) => ext.test(f) && !f.startsWith('.') && !f.startsWith('~$')).sort();
  const t: Tally = { rows: 0, cells: 0, sink: 0 };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const f of files) await read(join(dir, f), t);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  if (Number.isNaN(t.sink)) t.sink = 0; // keeps `sink` alive
  return { kind, files: files.length, rows: t.rows, cells: t.cells, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [kind, dir] = process.argv.slice(2);
  if (!(kind in READERS) || !dir) {
    process.stderr.write('usage: tsx bench/floors.ts <xml|exceljs|csv> DIR\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await floor(kind as FloorKind, dir))}\n`);
}
