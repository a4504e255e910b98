/**
 * Safe output (docs/outputs.md#general, issue 6): input text is never written as a formula in any workbook ecops writes;
 * no command writes CSV; a run killed mid-write leaves the old report whole and nothing torn under its name.
 * (Inputs never written over: test/corpus cases out-is-data, out-link-to-input, annotate-*.)
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/output/files.js';
import { openXlsx } from '../../src/read/xlsx.js';
import { ecopsAsync } from '../helpers/cli.js';
import { tempDir, writeXlsx } from '../helpers/sheets.js';
import { readZipEntries } from '../helpers/zip.js';
import { xlsxOf } from '../corpus/xlsx-builder.js';

const BIN = fileURLToPath(new URL('../../bin/ecops.js', import.meta.url));
const SLOW_WRITER = fileURLToPath(new URL('./slow-writer.mjs', import.meta.url));

/** Text that a spreadsheet program would take for a formula if it were written as one. */
const PAYLOADS = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', '＝SUM(A1)', '－1+2'];
const UNKNOWN = '=1+2'; // a staff name that is not in the list: it comes back in every 校验问题 sheet

const csv = (rows: (string | number)[][]) =>
  rows.map((r) => r.map((c) => (/[",\r\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\r\n') + '\r\n';

/** Every formula and every string value of a workbook, from its XML. */
async function contents(path: string): Promise<{ formulas: string[]; strings: Set<string>; parts: string[] }> {
  const entries = await readZipEntries(path);
  const unescape = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const strings = new Set<string>();
  const sst = entries['xl/sharedStrings.xml']?.toString('utf8') ?? '';
  for (const si of sst.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    strings.add(unescape([...si[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  }
  const formulas: string[] = [];
  const parts = Object.keys(entries).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  for (const name of parts) {
    const xml = entries[name].toString('utf8');
    for (const f of xml.matchAll(/<f(?:\s[^>]*)?>([\s\S]*?)<\/f>|<f(?:\s[^>]*)?\/>/g)) formulas.push(unescape(f[1] ?? ''));
    for (const is of xml.matchAll(/<is>([\s\S]*?)<\/is>/g)) strings.add(unescape([...is[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  }
  return { formulas, strings, parts };
}

/**
 * The only formulas ecops writes: totals (SUBTOTAL under a filter, SUM on a personal slip, SUMIF of a sign for gains
 * and losses apart), the mean score and the pass rate, ROUND(qty*cost,2), the closing-stock sum of cells on the row,
 * and the 尾差 ROUND(closing-(movements),2).
 */
const CELL = '[A-Z]+\\d+';
const RANGE = `${CELL}:${CELL}`;
const OUR_FORMULA = new RegExp(
  `^(SUM\\(${RANGE}\\)|SUBTOTAL\\(109,${RANGE}\\)|SUMIF\\(${RANGE},"[<>]0"\\)|ROUND\\(SUBTOTAL\\(101,${RANGE}\\),2\\)|ROUND\\(COUNTIF\\(${RANGE},"(是|yes)"\\)/COUNTA\\(${RANGE}\\),4\\)|ROUND\\(${CELL}\\*${CELL},2\\)|ROUND\\(${CELL}-\\(${CELL}([+-]${CELL})+\\),2\\)|${CELL}([+-]${CELL})+)$`,
);

describe('input text is never written as a formula', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir('ecops-inject-');
    const data = join(root, 'data');
    await mkdir(data);
    await writeFile(join(data, '人员.xlsx'), xlsxOf('名单', [['姓名', '岗位'], ...PAYLOADS.map((p) => [p, '客服'])]));
    await writeFile(join(data, '商品.csv'), csv([
      ['货号', '品名', '规格', '成本单价', '警戒库存', '期初库存', '期初日期'],
      ['+1+1', '=HYPERLINK("http://x","y")', '@SUM(A1)', 1.5, 10, 5, '2024-05-01'],
      ['-2', '＝SUM(A1)', '－1+2', 2, 0, 3, '2024-05-01'],
    ]));
    // The counter is not in the list either: reconcile and close read only the stock logs, and quote it from there.
    await writeFile(join(data, '盘点.csv'), csv([['盘点日期', '货号', '实盘数量', '盘点人'], ['2024-05-08', '+1+1', 0, UNKNOWN], ['2024-05-08', '-2', 1, '']]));
    // The meeting name and the people are text; one person is not in the list (an issue whose value is the text).
    await writeFile(join(data, '会议.xlsx'), xlsxOf('签到', [
      ['会议时间', '会议', '姓名', '签到时间'],
      ...PAYLOADS.map((p) => ['2024-05-06 09:00', p, p, null]),
      ['2024-05-06 09:00', '周会', UNKNOWN, null],
    ]));
    const out = join(root, 'out');
    const runs = await Promise.all([
      ecopsAsync(['score', '--month', '2024-05', '--data', data, '--out', out]),
      ecopsAsync(['reconcile', '--week', '2024-W19', '--data', data, '--out', out]),
      ecopsAsync(['close', '--month', '2024-05', '--data', data, '--out', out]),
      ecopsAsync(['validate', '--data', data, '--annotate', join(root, 'annotated')]),
    ]);
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0, 1]);
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const cases: [string, string, string[]][] = [
    ['score', 'out/score-2024-05.xlsx', [...PAYLOADS, UNKNOWN]],
    ['reconcile', 'out/reconcile-2024-W19.xlsx', ['+1+1', '=HYPERLINK("http://x","y")', '@SUM(A1)', '-2', '＝SUM(A1)', '－1+2', UNKNOWN]],
    ['close: inventory', 'out/inventory-2024-05.xlsx', ['+1+1', '=HYPERLINK("http://x","y")', '@SUM(A1)', '-2', '＝SUM(A1)', '－1+2', UNKNOWN]],
    ['close: loss', 'out/loss-2024-05.xlsx', [UNKNOWN]],
    ['validate --annotate', 'annotated/会议.xlsx', [...PAYLOADS, UNKNOWN]],
  ];
  for (const [what, file, expected] of cases) {
    it(`${what}: every payload is a string cell, every formula is one of ecops's own`, async () => {
      const { formulas, strings } = await contents(join(root, file));
      for (const p of expected) expect(strings, p).toContain(p);
      for (const f of formulas) expect(f).toMatch(OUR_FORMULA);
      if (what.startsWith('validate')) expect(formulas).toEqual([]); // a copy computes nothing
    });
  }

  it('reads back, through our own reader, as the same text (not a value computed from it)', async () => {
    const wb = await openXlsx(join(root, 'annotated/会议.xlsx'), '会议.xlsx');
    const rows: unknown[][] = [];
    for await (const r of wb.rows('签到')) rows.push(r.cells);
    await wb.close();
    expect(rows.slice(1).map((r) => r[2])).toEqual([...PAYLOADS, UNKNOWN]);
  });

  it('writes no CSV: every file ecops wrote is a workbook (or the saved score JSON, which no spreadsheet runs)', async () => {
    // If a command ever writes CSV, it must escape cells starting with = + - @ (and ＝ ＋ － ＠), tab, CR
    // and LF (OWASP CSV injection), and this test must then check that instead.
    const names = [...(await readdir(join(root, 'out'))), ...(await readdir(join(root, 'annotated')))];
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/\.xlsx$|^score-\d{4}-\d{2}\.json$/);
  });
});

describe('a run killed while writing', () => {
  it('leaves the old file whole and nothing torn under its name (test-only slow writer, SIGKILL mid-write)', async () => {
    const dir = await tempDir('ecops-kill-');
    const target = join(dir, 'score-2024-05.xlsx');
    await writeFile(target, 'the old report');
    const child = spawn(process.execPath, [SLOW_WRITER, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('writing') && resolve());
      child.on('exit', () => reject(new Error('the writer ended before it was killed')));
    });
    const tmp = (await readdir(dir)).find((n) => n.endsWith('.tmp'))!;
    expect(tmp).toBe(`.score-2024-05.xlsx.${child.pid}.tmp`);
    expect((await stat(join(dir, tmp))).size).toBeGreaterThan(0); // it was part-way
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    expect(await readFile(target, 'utf8')).toBe('the old report');
    expect((await readdir(dir)).sort()).toEqual([tmp, 'score-2024-05.xlsx'].sort());

    // The next write replaces the report and clears the dead run's leftover.
    await writeAtomically(target, (t) => writeFile(t, 'the new report'));
    expect(await readFile(target, 'utf8')).toBe('the new report');
    expect(await readdir(dir)).toEqual(['score-2024-05.xlsx']);
    await rm(dir, { recursive: true, force: true });
  });

  it('a real close run killed as it writes a big inventory workbook leaves the old report intact', async () => {
    const root = await tempDir('ecops-kill-close-');
    const data = join(root, 'data');
    const out = join(root, 'out');
    await mkdir(data);
    await mkdir(out);
    const N = 6000;
    const skus = ['货号,品名,规格,成本单价,期初库存,期初日期'];
    for (let i = 0; i < N; i++) skus.push(`SKU${String(i).padStart(6, '0')},商品${i},红/XL,${(i % 997) / 8},${i % 50},2024-04-01`);
    await writeFile(join(data, 'skus.csv'), `${skus.join('\r\n')}\r\n`);
    const old = join(out, 'inventory-2024-05.xlsx');
    await writeXlsx(old, { 旧: [['the old report']] });
    const before = await readFile(old);

    const child = spawn(process.execPath, [BIN, 'close', '--month', '2024-05', '--data', data, '--out', out], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH, LANG: 'zh_CN.UTF-8' },
    });
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    let sawTemp = false;
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      if ((await readdir(out)).some((n) => n.startsWith('.inventory-2024-05.xlsx.') && n.endsWith('.tmp'))) {
        child.kill('SIGKILL');
        sawTemp = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await exited;
    expect(sawTemp, 'the run finished before its temporary file was seen: make it bigger').toBe(true);
    expect((await readFile(old)).equals(before)).toBe(true);
    const left = await readdir(out);
    expect(left.filter((n) => !n.startsWith('.'))).toEqual(['inventory-2024-05.xlsx']); // no loss workbook, nothing torn
    await rm(root, { recursive: true, force: true });
  }, 120_000);
});
