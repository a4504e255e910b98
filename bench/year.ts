/**
 * `npm run bench -- --year [--scale 0.25] [--runs 3]`: the year of a big shop (issue 13). Twelve bench months of
 * 2024 in one folder (bench/generate.ts `ensureYear`: at scale 1, 12 M consultations and 3.6 M shipment lines),
 * read by `ecops annual --year 2024` as a supervisor runs it (writing its workbook), against the bench month at the
 * same scale read by `ecops score --month 2024-05`, and the XML floor over each folder.
 *
 * Targets: annual's rows/s ≥ score's rows/s on the month (each the folder's data rows ÷ the median wall time of
 * the whole process, the runs taken round-robin in the same session), and annual's peak RSS < 1 GB.
 * run.ts measures (child process, wall time, CPU, peak RSS) and hands its tools in; see bench/README.md.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FloorResult } from './floors.js';
import { BENCH_ROOT, ensureData, ensureYear } from './generate.js';
import type { Result } from './run.js';

/** What run.ts lends: how it measures a child process, and how it prints. */
export interface YearTools {
  ecops: string;
  tmp: string;
  machine: string;
  rssMethod: string;
  measure: (argv: string[], stdoutFile: string, rssFile: string) => Promise<{ ok: boolean; seconds: number; cpu: number; peakMB: number; error?: string }>;
  table: (head: string[], rows: string[][]) => string;
  median: (xs: number[]) => number;
}

const FLOORS = join(fileURLToPath(new URL('.', import.meta.url)), 'floors.ts');
const LIMIT_MB = 1024;

interface YearJob {
  name: string;
  /** The month's folder or the year's. */
  data: 'month' | 'year';
  argv: (dir: string, out: string) => string[];
  floor?: boolean;
  /** Writes a workbook into its out folder. */
  writes?: boolean;
}

/** A job's figures as run.ts keeps them, by folder (the month's or the year's) instead of by scale. */
type YearResult = Omit<Result, 'scale' | 'ratio' | 'parsed'> & { data: 'month' | 'year' };

const jobs = (ecops: string): YearJob[] => [
  { name: 'floor-xml', data: 'month', floor: true, argv: (dir) => ['--import', 'tsx', FLOORS, 'xml', dir] },
  { name: 'score-xlsx', data: 'month', writes: true, argv: (dir, out) => [ecops, 'score', '--month', '2024-05', '--data', dir, '--quiet', '--out', out] },
  { name: 'floor-xml', data: 'year', floor: true, argv: (dir) => ['--import', 'tsx', FLOORS, 'xml', dir] },
  { name: 'annual', data: 'year', writes: true, argv: (dir, out) => [ecops, 'annual', '--year', '2024', '--data', dir, '--quiet', '--out', out] },
];

const fmt = (x: number | undefined, digits = 2) => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(digits));
const int = (x: number) => Math.round(x).toLocaleString('en');

export async function runYear(scale: number, runs: number, tools: YearTools): Promise<void> {
  const month = await ensureData(scale);
  const year = await ensureYear(scale);
  const dirs = { month: month.xlsxDir, year: year.xlsxDir };
  const rows = { month: month.totalRows, year: year.totalRows };
  process.stderr.write(`year at scale ${scale}: ${int(year.totalRows)} rows (${int(year.logs.consultations)} consultations, ${int(year.logs.shipments)} shipment lines) in ${year.xlsxDir}\n`);
  process.stderr.write(`the bench month at scale ${scale}: ${int(month.totalRows)} rows in ${month.xlsxDir}\n`);

  // Round-robin, as run.ts does: a busy spell on the machine spreads over every job.
  const list = jobs(tools.ecops);
  const samples = list.map(() => [] as { ok: boolean; seconds: number; cpu: number; peakMB: number; error?: string }[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, job] of list.entries()) {
      if (samples[k].some((s) => !s.ok)) continue;
      const out = join(tools.tmp, `year-${job.name}-${job.data}-${i}`);
      await mkdir(out, { recursive: true });
      const stdout = join(out, 'stdout.json');
      const s = await tools.measure(job.argv(dirs[job.data], out), stdout, join(out, 'rss.txt'));
      if (s.ok && job.floor) {
        const parsed = JSON.parse(await readFile(stdout, 'utf8')) as FloorResult;
        s.seconds = parsed.seconds;
        s.cpu = parsed.cpuSeconds;
      }
      if (s.ok && job.writes && !(await readdir(out)).some((f) => f.endsWith('.xlsx'))) process.stderr.write(`  ! ${job.name} wrote no workbook into ${out}\n`);
      samples[k].push(s);
      const figure = s.ok ? `${s.seconds.toFixed(2)} s, ${s.peakMB.toFixed(0)} MB` : `FAILED ${s.error}`;
      process.stderr.write(`  ${job.name} (${job.data}) run ${i + 1}/${runs}: ${figure} (load ${loadavg()[0].toFixed(1)})\n`);
    }
  }
  const results: YearResult[] = list.map((job, k) => {
    const good = samples[k].filter((s) => s.ok);
    return {
      job: job.name,
      data: job.data,
      rows: rows[job.data],
      ok: good.length === samples[k].length,
      error: samples[k].find((s) => !s.ok)?.error,
      seconds: good.length ? tools.median(good.map((s) => s.seconds)) : NaN,
      cpu: good.length ? tools.median(good.map((s) => s.cpu)) : NaN,
      runs: good.map((s) => Math.round(s.seconds * 1000) / 1000),
      peakMB: Math.max(0, ...samples[k].map((s) => s.peakMB)),
    };
  });
  for (const r of results) {
    const floor = results.find((f) => f.job === 'floor-xml' && f.data === r.data);
    if (r.job !== 'floor-xml' && floor?.ok) r.floorSeconds = floor.seconds;
  }

  const text = report(results, scale, runs, tools);
  console.log(text);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = join(BENCH_ROOT, `results-year-x${scale}-${stamp}`);
  await writeFile(`${base}.md`, `${text}\n`);
  await writeFile(`${base}.json`, JSON.stringify({ scale, runs, rssMethod: tools.rssMethod, year: year.logs, month: month.logs, results }, null, 2));
  process.stderr.write(`\nreport: ${base}.md (and .json)\n`);
}

function report(results: YearResult[], scale: number, runs: number, tools: YearTools): string {
  const out = [`## ecops bench: the year 2024 at scale ${scale}, ${runs} run(s) each, ${new Date().toISOString()}`, '', tools.machine, ''];
  out.push(tools.table(
    ['command', 'data', 'rows', 'seconds', 'cpu s', 'rows/s', 'peak RSS MB', 'floor s', 'ecops/floor'],
    results.map((r) => r.ok
      ? [r.job, r.data, int(r.rows), fmt(r.seconds), fmt(r.cpu), int(r.rows / r.seconds), fmt(r.peakMB, 0), fmt(r.floorSeconds), fmt(r.floorSeconds && r.seconds / r.floorSeconds)]
      : [r.job, r.data, int(r.rows), 'FAILED', '', '', fmt(r.peakMB, 0), fmt(r.floorSeconds), '']),
  ));
  const failures = results.filter((r) => !r.ok);
  if (failures.length) out.push('', 'Failed:', ...failures.map((r) => `- ${r.job} over the ${r.data}: ${r.error}`));

  const annual = results.find((r) => r.job === 'annual')!;
  const score = results.find((r) => r.job === 'score-xlsx')!;
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
  const rate = (r: YearResult) => r.rows / r.seconds;
  const both = annual.ok && score.ok;
  out.push('', 'Targets (issue 13):', '', tools.table(['target', 'scale', 'figure', 'verdict'], [
    [
      'annual rows/s ≥ score-xlsx rows/s on the month', String(scale),
      both ? `${int(rate(annual))} vs ${int(rate(score))} rows/s (${fmt(rate(annual) / rate(score))} ×)` : 'failed',
      both ? verdict(rate(annual) >= rate(score)) : 'FAIL',
    ],
    ['annual peak RSS < 1 GB', String(scale), `${fmt(annual.peakMB, 0)} MB`, annual.ok ? verdict(annual.peakMB < LIMIT_MB) : 'FAIL'],
  ]));
  out.push('', `load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`, '',
    'rows/s: the data rows of the folder ÷ the median wall time of the whole process (start-up and writing the workbook',
    'included). The floors (yauzl + saxes over the same folder, the parse alone) show how busy the machine was:',
    'ecops/floor of annual against that of score compares the two without the machine\'s speed.');
  return out.join('\n');
}
