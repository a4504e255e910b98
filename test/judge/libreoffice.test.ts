/**
 * A real spreadsheet program as judge: LibreOffice (headless) opens every workbook ecops writes for the sample
 * month — score, reconcile, close (inventory and loss), the templates and the --annotate copies — recalculates
 * every formula on load, and exports each sheet as CSV. Then:
 * - the conversion succeeds and every sheet is there (the file opens without repair);
 * - every formula recomputes to the value ecops cached (read back by our own reader, src/read/xlsx.ts);
 * - a control workbook whose cached value is deliberately wrong comes back corrected, which proves that
 *   LibreOffice really recalculated (a fresh profile is told to: OOXMLRecalcMode = always);
 * - on paper (each report printed to PDF): every page's text is at least 70 % of its size (word heights from
 *   `pdftotext -bbox`, against a control sheet printed at 100 %), every page is numbered, every sheet's title and
 *   every header of its table appear (no column cut off).
 * Skipped, saying so, where `soffice` is not on PATH (.ci/run installs libreoffice-calc-nogui when it can).
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/read/xlsx.js';
import type { Cell } from '../../src/read/types.js';
import { ecopsAsync } from '../helpers/cli.js';
import { tempDir } from '../helpers/sheets.js';
import { xlsxOf } from '../corpus/xlsx-builder.js';

const SAMPLE = fileURLToPath(new URL('../../fixtures/sample', import.meta.url));
const FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

function findSoffice(): string | undefined {
  const r = spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
const soffice = findSoffice();
/** The print check reads the PDF's words with poppler's pdftotext (Debian: poppler-utils). */
const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;
if (soffice && !pdftotext) console.warn('libreoffice judge: pdftotext (poppler-utils) is not on PATH: the print check is skipped');
const SKIP = 'soffice (LibreOffice) is not on PATH: the spreadsheet-program judge is skipped (install libreoffice-calc-nogui to run it)';
if (!soffice) console.warn(`libreoffice judge: ${SKIP}`);

/**
 * The judge's LibreOffice profile: recalculate every formula when a file is loaded (0 = always; the default asks or
 * never does), and mark the profile as already used by this version (ooSetupLastVersion), or each start first runs
 * ~60 graphics self-tests, 3–5 s of CPU (LibreOffice's desktop/source/app/app.cxx runs them on a version upgrade,
 * which a headless conversion never records).
 */
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>999.9</value></prop></item>
</oor:items>
`;

interface Book {
  /** File name in the judge folder (prefixed so names never clash), without .xlsx. */
  base: string;
  sheets: string[];
}

describe.skipIf(!soffice)(`LibreOffice (${soffice ?? 'missing'}) as judge of every workbook ecops writes`, () => {
  let root: string;
  const books: Book[] = [];
  let csvDir: string;
  let conversion: { status: number | null; stderr: string; ms: number };
  let pdfDir: string;
  let printing: { status: number | null; stderr: string };

  beforeAll(async () => {
    root = await tempDir('ecops-judge-');
    const out = join(root, 'reports');
    const runs = await Promise.all([
      ecopsAsync(['score', '--month', '2024-05', '--data', SAMPLE, '--out', out, '--quiet'], { timeoutMs: 120_000 }),
      ecopsAsync(['reconcile', '--week', '2024-W21', '--data', SAMPLE, '--out', out, '--quiet'], { timeoutMs: 120_000 }),
      ecopsAsync(['close', '--month', '2024-05', '--data', SAMPLE, '--out', out, '--quiet'], { timeoutMs: 120_000 }),
      ecopsAsync(['template', '--out', join(root, 'templates')], { timeoutMs: 120_000 }),
      ecopsAsync(['validate', '--data', SAMPLE, '--annotate', join(root, 'annotated'), '--quiet'], { timeoutMs: 120_000 }),
    ]);
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0, 0, 1]); // the sample month has planted input errors

    const judge = join(root, 'judge');
    await mkdir(judge);
    for (const [prefix, dir] of [['r', out], ['t', join(root, 'templates')], ['a', join(root, 'annotated')]] as const) {
      for (const f of await readdir(dir)) {
        if (!f.endsWith('.xlsx')) continue;
        const base = `${prefix}-${f.slice(0, -5)}`;
        await copyFile(join(dir, f), join(judge, `${base}.xlsx`));
        const wb = await openXlsx(join(dir, f), f);
        books.push({ base, sheets: wb.sheets });
        await wb.close();
      }
    }
    // The control: a formula whose cached value is wrong on purpose (=A2*3 cached as 99).
    await writeFile(join(judge, 'control.xlsx'), xlsxOf('S', [['a', 'b'], [2, { f: 'A2*3', v: 99 }]]));

    const profile = join(root, `lo-profile-${process.pid}`);
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), PROFILE);
    csvDir = join(root, 'csv');
    const files = (await readdir(judge)).map((f) => join(judge, f));
    const started = Date.now();
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', FILTER, '--outdir', csvDir, ...files], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    conversion = { status: r.status, stderr: r.stderr, ms: Date.now() - started };
    console.log(`libreoffice judge: ${files.length} workbooks converted in ${conversion.ms} ms`);

    // On paper: the reports, and a control of 11 pt text printed at 100 % to measure what full size is.
    const control = new ExcelJS.Workbook();
    const sheet = control.addWorksheet('S', { pageSetup: { paperSize: 9, scale: 100 } });
    sheet.addRow(['参照文字 Reference 2024-05-31 12:00:00']).getCell(1).font = { name: '等线', size: 11 };
    await control.xlsx.writeFile(join(judge, 'size-control.xlsx'));
    pdfDir = join(root, 'pdf');
    const printed = [join(judge, 'size-control.xlsx'), ...files.filter((f) => /[/\\]r-[^/\\]+\.xlsx$/.test(f))];
    const p = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', pdfDir, ...printed], { encoding: 'utf8', timeout: 300_000 });
    printing = { status: p.status, stderr: p.stderr };
  }, 420_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** A workbook as exceljs reads it (formulas included), read once for the tests that look at it. */
  const read = new Map<string, Promise<ExcelJS.Workbook>>();
  function excelOf(path: string): Promise<ExcelJS.Workbook> {
    let wb = read.get(path);
    if (!wb) read.set(path, (wb = new ExcelJS.Workbook().xlsx.readFile(path)));
    return wb;
  }

  /** One sheet as LibreOffice computed it: rows of fields. */
  async function sheetCsv(base: string, sheet: string): Promise<string[][]> {
    return parse(await readFile(join(csvDir, `${base}-${sheet}.csv`), 'utf8'), { relax_column_count: true, bom: true }) as string[][];
  }

  it('recalculates on load (the control workbook\'s wrong cached value comes back corrected)', async () => {
    expect(conversion.status, conversion.stderr).toBe(0);
    expect(await sheetCsv('control', 'S')).toEqual([['a', 'b'], ['2', '6']]);
  });

  it('opens every workbook and finds every sheet (score, reconcile, inventory, loss, 12 templates, annotated copies)', async () => {
    const names = books.map((b) => b.base);
    for (const n of ['r-score-2024-05', 'r-reconcile-2024-W21', 'r-inventory-2024-05', 'r-loss-2024-05']) expect(names).toContain(n);
    expect(names.filter((n) => n.startsWith('t-'))).toHaveLength(12);
    expect(names.filter((n) => n.startsWith('a-')).length).toBeGreaterThan(0);
    const made = new Set(await readdir(csvDir));
    for (const b of books) for (const s of b.sheets) expect(made, `${b.base} / ${s}`).toContain(`${b.base}-${s}.csv`);
  });

  it('every formula recomputes to the value ecops cached; text and headers read the same', async () => {
    let formulas = 0;
    for (const b of books) {
      const path = join(root, 'judge', `${b.base}.xlsx`);
      const ours = await openXlsx(path, b.base);
      const excel = await excelOf(path);
      for (const sheet of b.sheets) {
        const cached = new Map<number, Cell[]>();
        for await (const row of ours.rows(sheet)) cached.set(row.row, row.cells);
        const lo = await sheetCsv(b.base, sheet);
        // The header row (or first row) reads the same in both programs.
        const first = cached.get(1) ?? [];
        first.forEach((c, i) => typeof c === 'string' && expect(lo[0][i], `${b.base}/${sheet} A1…`).toBe(c));
        excel.getWorksheet(sheet)!.eachRow((row, r) =>
          row.eachCell((cell, c) => {
            if (cell.type !== ExcelJS.ValueType.Formula) return;
            formulas++;
            const mine = cached.get(r)?.[c - 1];
            expect(typeof mine, `${b.base}/${sheet}!${cell.address} cached`).toBe('number');
            const shownText = lo[r - 1]?.[c - 1] ?? '';
            const theirs = shownText.endsWith('%') ? Number(shownText.slice(0, -1)) / 100 : Number(shownText);
            const where = `${b.base}/${sheet}!${cell.address} =${cell.formula}: ecops cached ${mine}, LibreOffice computed ${lo[r - 1]?.[c - 1]}`;
            expect(Math.abs(theirs - (mine as number)), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(mine as number)));
          }),
        );
      }
      await ours.close();
    }
    expect(formulas).toBeGreaterThan(50); // totals, ROUND(qty × cost) and closing stock: not a vacuous pass
    console.log(`libreoffice judge: ${formulas} formulas recomputed and matched`);
  }, 120_000);
  /** The words of each page of a PDF with their heights (pdftotext -bbox). */
  function pagesOf(pdf: string): { words: { text: string; height: number }[]; text: string }[] {
    const xml = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
    return xml.split('<page ').slice(1).map((page) => {
      const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        text: m[5].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
        height: Number(m[4]) - Number(m[2]),
      }));
      return { words, text: words.map((w) => w.text).join('') };
    });
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  it.skipIf(!pdftotext)('prints every report on A4 with text at ≥ 70 % of its size, page numbers on every page, every title and every column', async () => {
    expect(printing.status, printing.stderr).toBe(0);
    const [control] = pagesOf(join(pdfDir, 'size-control.pdf'));
    const full = median(control.words.map((w) => w.height));
    expect(full).toBeGreaterThan(5);
    const reports = books.filter((b) => b.base.startsWith('r-'));
    expect(reports.map((b) => b.base).sort()).toEqual(['r-inventory-2024-05', 'r-loss-2024-05', 'r-reconcile-2024-W21', 'r-score-2024-05']);
    for (const b of reports) {
      const pdf = join(pdfDir, `${b.base}.pdf`);
      const pages = pagesOf(pdf);
      expect(pages.length, b.base).toBeGreaterThan(0);
      const size = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)!;
      expect([Math.round(Math.min(+size[1], +size[2])), Math.round(Math.max(+size[1], +size[2]))], `${b.base}: A4`).toEqual([595, 842]);
      pages.forEach((page, i) => {
        expect(page.text, `${b.base} page ${i + 1}: numbered`).toMatch(new RegExp(`第${i + 1}页/共${pages.length}页`));
        const body = page.words.filter((w) => !/^(第|页|\/|共|\d+)$/.test(w.text)).map((w) => w.height);
        if (body.length === 0) return;
        const scale = median(body) / full;
        expect(scale, `${b.base} page ${i + 1}: text printed at ${Math.round(scale * 100)} % of its size`).toBeGreaterThanOrEqual(0.7);
      });
      // In the order the PDF draws text (a wrapped cell's lines one after the other), without spaces and breaks.
      const all = spawnSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout.replace(/\s/g, '');
      const path = join(root, 'judge', `${b.base}.xlsx`);
      const excel = await excelOf(path);
      for (const ws of excel.worksheets) {
        const title = String(ws.getCell('A1').value).replace(/\s/g, '');
        expect(all, `${b.base}/${ws.name}: the title ${title}`).toContain(title);
        const header = (ws.views?.[0] as { ySplit?: number } | undefined)?.ySplit;
        if (!header) continue;
        ws.getRow(header).eachCell((cell) => {
          const text = String(cell.value).replace(/\s/g, '');
          expect(all, `${b.base}/${ws.name}: the column ${text} is on paper`).toContain(text);
        });
      }
    }
  });
});

it.runIf(!soffice)('LibreOffice judge skipped', () => {
  console.warn(`libreoffice judge: ${SKIP}`);
});
