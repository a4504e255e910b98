/**
 * `npm run bench [-- --scale 0.1] [-- --runs 3] [-- --only score-xlsx,floor-xml]`; `-- --year`: the year (bench/year.ts)
 *
 * For each scale in {0.25, 0.5, 1} × --scale: generates (or reuses) the month (bench/generate.ts), then runs each
 * ecops command and each floor (bench/floors.ts) as a child process --runs times (round-robin) and prints, per
 * command: wall seconds (median), CPU seconds, rows/s (data rows of the folder), peak RSS (max over runs), the floor
 * it is compared with, ecops/floor, and seconds per 100k rows; then the linearity across scales and the issue's
 * targets, pass/fail. See bench/README.md.
 * A command that fails is reported with the last line of its stderr and the run goes on.
 * The report is also written to <bench root>/results-*.md and .json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FloorResult } from './floors.js';
import { BENCH_ROOT, ensureData, type Manifest } from './generate.js';
import { ensureShapes, SAMPLE_DIR, type Shapes } from './shapes.js';
import { runYear } from './year.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** The CLI measured: a snapshot of the build taken at the start (see snapshot()), so a rebuild during the run changes nothing. */
let ECOPS = join(ROOT, 'bin', 'ecops.js');
let snapshotAt = '';
const FLOORS = join(ROOT, 'bench', 'floors.ts');

// ---------------------------------------------------------------------------------------------------------------
// Measuring one child process: wall time, exit status, stderr's last line, peak RSS.

interface Sample {
  ok: boolean;
  seconds: number;
  /** user + system CPU seconds (blank without GNU time) */
  cpu: number;
  peakMB: number;
  error?: string;
  /** A floor's own report. */
  parsed?: FloorResult;
}

/** GNU time gives the kernel's max RSS of the child; without it, /proc/<pid>/status VmHWM is polled. */
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', '-o', '/dev/null', 'true']).status === 0;
const RSS_METHOD = GNU_TIME
  ? '/usr/bin/time -f %M (max RSS of the child, from the kernel)'
  : '/proc/<pid>/status VmHWM polled every 50 ms (install GNU time for exact figures: apt-get install time)';

function vmHwmKB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function measure(argv: string[], stdoutFile: string, rssFile: string, env: Record<string, string> = {}): Promise<Sample> {
  const out = openSync(stdoutFile, 'w');
  const t0 = performance.now();
  const options = { stdio: ['ignore', out, 'pipe'] as ('ignore' | 'pipe' | number)[], cwd: ROOT, env: { ...process.env, ...env } };
  const child = GNU_TIME
    ? spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...argv], options)
    : spawn(process.execPath, argv, options);
  let peakKB = 0;
  let cpu = NaN;
  const poll = GNU_TIME ? undefined : setInterval(() => (peakKB = Math.max(peakKB, vmHwmKB(child.pid!))), 50);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-8192)));
  const code = await new Promise<number>((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : 1))));
  const seconds = (performance.now() - t0) / 1000;
  closeSync(out);
  clearInterval(poll);
  if (GNU_TIME) {
    // Its last line holds the figures; a line before it may say "Command exited with non-zero status …".
    const [kb, user, sys] = ((await readFile(rssFile, 'utf8').catch(() => '')).trim().split('\n').pop() ?? '').split(' ').map(Number);
    peakKB = kb || 0;
    cpu = user + sys;
  }
  // The last line of stderr; ecops's internal errors end with a "please report" line, so the one before it too.
  const lines = stderr.trim().split('\n').filter((l) => l.trim() && !/^Command (exited|terminated)/.test(l));
  const last = lines.slice(code === 3 ? -2 : -1).join(' / ');
  // `validate` exits 1 when it found errors: it still ran (the row check below reports them).
  const ok = code === 0 || (code === 1 && argv.includes('validate'));
  return { ok, seconds, cpu, peakMB: peakKB / 1024, error: ok ? undefined : `exit ${code}: ${last}` };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---------------------------------------------------------------------------------------------------------------
// What is measured.

interface Job {
  name: string;
  /** Which folder it reads: the generated month's (by day), one of its single-file shapes, or the bundled sample (shapes.ts). */
  data: 'xlsx' | 'csv' | 'one-csv' | 'one-xlsx' | 'sample';
  argv: (dir: string, out: string) => string[];
  /** Floors (their own in-process parse time is the figure) or ecops (wall time of the process). */
  floor?: boolean;
  /** The floor an ecops command is compared with: the sum of these floors' seconds. */
  against?: string[];
  env?: Record<string, string>;
  /** Writes its workbooks into the run's folder (else prints JSON). */
  writes?: boolean;
}

/** A report command writes its workbooks, as its users run it; validate prints its JSON (its row count is checked). */
const ecops = (name: string, data: Job['data'], args: string[], writes = true, env?: Job['env']): Job => ({
  name,
  data,
  env,
  writes,
  argv: (dir, out) => [ECOPS, ...args, '--data', dir, '--quiet', ...(writes ? ['--out', out] : ['--json'])],
  against: AGAINST[data],
});
/** The floor of each folder: its XML floor, or csv-parse over its consultations plus the XML floor over its other logs. */
const AGAINST: Record<Job['data'], string[]> = {
  xlsx: ['floor-xml'],
  csv: ['floor-csv', 'floor-xml-csvdir'],
  'one-xlsx': ['floor-xml-1sheet'],
  'one-csv': ['floor-csv-1file', 'floor-xml-csvdir'],
  sample: ['node-e0'],
};
const floorJob = (name: string, kind: string, data: Job['data']): Job => ({
  name,
  data,
  floor: true,
  argv: (dir) => ['--import', 'tsx', FLOORS, kind, dir],
});

/** The single-file shapes and the small month (shapes.ts); the sample's jobs run once, not per scale. */
const SHAPE_JOBS: Job[] = [
  floorJob('floor-csv-1file', 'csv', 'one-csv'),
  floorJob('floor-xml-1sheet', 'xml', 'one-xlsx'),
  ecops('score-csv-1file', 'one-csv', ['score', '--month', '2024-05']),
  ecops('score-xlsx-1sheet', 'one-xlsx', ['score', '--month', '2024-05']),
  // Starting Node and nothing else: the floor of the small month's commands (wall time of the process).
  { name: 'node-e0', data: 'sample', argv: () => ['-e', '0'] },
  { name: 'help', data: 'sample', argv: () => [ECOPS, '--help'], against: ['node-e0'] },
  ecops('validate-sample', 'sample', ['validate'], false),
  ecops('score-sample', 'sample', ['score', '--month', '2024-05']),
];

const JOBS: Job[] = [
  floorJob('floor-xml', 'xml', 'xlsx'),
  floorJob('floor-exceljs', 'exceljs', 'xlsx'),
  floorJob('floor-csv', 'csv', 'csv'),
  floorJob('floor-xml-csvdir', 'xml', 'csv'),
  ecops('validate', 'xlsx', ['validate'], false),
  ecops('score-xlsx', 'xlsx', ['score', '--month', '2024-05']),
  ecops('score-csv', 'csv', ['score', '--month', '2024-05']),
  // The same work on one thread: what the rows cost, without the second core (ecops reads files on every core).
  ecops('score-xlsx-1thread', 'xlsx', ['score', '--month', '2024-05'], true, { ECOPS_THREADS: '1' }),
  ecops('reconcile', 'xlsx', ['reconcile', '--week', '2024-W21']),
  ecops('close', 'xlsx', ['close', '--month', '2024-05']),
  ...SHAPE_JOBS,
];

export interface Result {
  job: string;
  scale: number;
  rows: number;
  ok: boolean;
  error?: string;
  seconds: number;
  /** median user + system CPU seconds */
  cpu: number;
  runs: number[];
  peakMB: number;
  floorSeconds?: number;
  ratio?: number;
  /** Floors: rows and cells the parser met. */
  parsed?: { rows: number; cells: number };
}

/** One run of one job. */
async function sample(job: Job, m: Manifest & Partial<Shapes>, tmp: string, label: string): Promise<Sample> {
  const out = join(tmp, `${job.name}-${m.scale}`);
  await mkdir(out, { recursive: true });
  const stdout = join(out, 'stdout.json');
  const dir = { xlsx: m.xlsxDir, csv: m.csvDir, 'one-csv': m.oneCsvDir!, 'one-xlsx': m.oneXlsxDir!, sample: SAMPLE_DIR }[job.data];
  const s: Sample = await measure(job.argv(dir, out), stdout, join(out, 'rss.txt'), job.env);
  if (s.ok && job.floor) {
    s.parsed = JSON.parse(await readFile(stdout, 'utf8')) as FloorResult;
    s.seconds = s.parsed.seconds;
    s.cpu = s.parsed.cpuSeconds;
  }
  if (s.ok && job.name === 'validate') await checkRowCount(stdout, m.totalRows);
  if (s.ok && job.writes && !(await readdir(out)).some((f) => f.endsWith('.xlsx'))) {
    process.stderr.write(`  ! ${job.name} wrote no workbook into ${out}\n`);
  }
  const figure = s.ok ? `${s.seconds.toFixed(2)} s, ${s.peakMB.toFixed(0)} MB` : `FAILED ${s.error}`;
  process.stderr.write(`  scale ${m.scale} ${job.name} ${label}: ${figure} (load ${loadavg()[0].toFixed(1)})\n`);
  return s;
}

/**
 * Every job --runs times, round-robin (run 1 of every job, then run 2, …), so that a busy spell on the machine
 * spreads over all jobs instead of skewing one. A job that failed is not run again.
 */
async function runScale(jobs: Job[], m: Manifest & Partial<Shapes>, runs: number, tmp: string): Promise<Result[]> {
  const samples = new Map(jobs.map((j) => [j, [] as Sample[]]));
  for (let i = 0; i < runs; i++) {
    for (const job of jobs) {
      const done = samples.get(job)!;
      if (done.every((s) => s.ok)) done.push(await sample(job, m, tmp, `run ${i + 1}/${runs}`));
    }
  }
  return jobs.map((job) => {
    const all = samples.get(job)!;
    const good = all.filter((s) => s.ok);
    const failed = all.find((s) => !s.ok);
    const parsed = good[0]?.parsed;
    return {
      job: job.name,
      scale: m.scale,
      rows: m.totalRows,
      ok: !failed,
      error: failed?.error,
      seconds: good.length ? median(good.map((s) => s.seconds)) : NaN,
      cpu: good.length ? median(good.map((s) => s.cpu)) : NaN,
      runs: good.map((s) => Math.round(s.seconds * 1000) / 1000),
      peakMB: Math.max(0, ...all.map((s) => s.peakMB)),
      parsed: parsed && { rows: parsed.rows, cells: parsed.cells },
    };
  });
}

/** ecops must read every generated row: validate's JSON says how many it read. */
async function checkRowCount(file: string, expected: number): Promise<void> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { tables: { rows: number }[]; issues: { severity: string }[] };
    const read = json.tables.reduce((a, t) => a + t.rows, 0);
    const errors = json.issues.filter((i) => i.severity === 'error').length;
    if (read !== expected || errors > 0) {
      process.stderr.write(`  ! validate read ${read} rows of ${expected}, ${errors} errors: check the generator\n`);
    }
  } catch (e) {
    process.stderr.write(`  ! validate's JSON could not be read: ${(e as Error).message}\n`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report.

const fmt = (x: number | undefined, digits = 2) => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(digits));
const int = (x: number) => Math.round(x).toLocaleString('en');
const per100k = (r: Result) => (r.seconds * 100_000) / r.rows;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

function machine(): string {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model ?? '?';
  return [
    `- machine: ${availableParallelism()} CPUs (nproc), ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`,
    `- node ${process.version}, ${process.platform}/${process.arch}`,
    `- ecops: the build in dist/ as copied at ${snapshotAt} (${ECOPS})`,
    `- peak RSS: ${RSS_METHOD}`,
    `- load average (1/5/15 min) now: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}: other work on the machine skews wall times`,
  ].join('\n');
}

/** Each ecops result's floor (the sum of the floors it is compared with, measured in the same round) and ratio. */
function compare(here: Result[]): void {
  for (const r of here) {
    const against = JOBS.find((j) => j.name === r.job)?.against;
    const floors = against?.map((n) => here.find((f) => f.job === n));
    if (floors?.every((f) => f?.ok)) {
      r.floorSeconds = floors.reduce((a, f) => a + f!.seconds, 0);
      r.ratio = r.seconds / r.floorSeconds;
    }
  }
}

/** The small month's jobs, once (they do not grow with --scale); rows are the sample's, as validate reads them. */
async function runSample(jobs: Job[], runs: number, tmp: string): Promise<Result[]> {
  const m = { scale: 0, totalRows: 0, xlsxDir: '', csvDir: '' } as unknown as Manifest;
  process.stderr.write(`the sample month: ${SAMPLE_DIR}\n`);
  const here = await runScale(jobs, m, runs, tmp);
  compare(here);
  return here;
}

function sampleReport(results: Result[]): string[] {
  if (!results.length) return [];
  const out = ['', `The small month (${SAMPLE_DIR}, ${results[0].runs.length} runs each, medians; wall time of the whole process):`, ''];
  out.push(table(['command', 'seconds', 'cpu s', 'peak RSS MB', '× node -e 0'], results.map((r) => r.ok
    ? [r.job, fmt(r.seconds), fmt(r.cpu), fmt(r.peakMB, 0), fmt(r.ratio)]
    : [r.job, 'FAILED', '', fmt(r.peakMB, 0), ''])));
  return out;
}

/** The issue's targets for the small month and the single-file shapes (issue 14). */
function shapeTargets(results: Result[], scales: number[], sample: Result[]): string[] {
  const verdict = (pass: boolean | undefined) => (pass === undefined ? 'n/a' : pass ? 'PASS' : 'FAIL');
  const rows: string[][] = [];
  const s = (job: string) => sample.find((r) => r.job === job);
  for (const [job, limit] of [['score-sample', 0.5], ['validate-sample', 0.35], ['help', 0.15]] as const) {
    const r = s(job);
    if (r) rows.push([`${job} ≤ ${limit} s`, 'sample', r.ok ? `${fmt(r.seconds)} s` : 'failed', verdict(r.ok && r.seconds <= limit)]);
  }
  const score = s('score-sample');
  if (score) rows.push(['score-sample ≤ 5 × node -e 0', 'sample', score.ok ? `${fmt(score.ratio)} ×` : 'failed', verdict(score.ok && score.ratio! <= 5)]);
  const ratios = [
    ['score-csv-1file', 1.5, 'its floor (csv-parse + XML)'],
    ['score-xlsx-1sheet', 1.2, 'XML floor'],
    ['score-xlsx-1thread', 1.4, 'XML floor'],
  ] as const;
  for (const [job, limit, against] of ratios) {
    for (const scale of scales) {
      const r = results.find((x) => x.job === job && x.scale === scale);
      if (r) rows.push([`${job} ≤ ${limit} × ${against}`, String(scale), r.ok ? `${fmt(r.ratio)} ×` : 'failed', verdict(r.ok ? r.ratio! <= limit : false)]);
    }
  }
  for (const scale of scales) {
    const r = results.find((x) => x.job === 'score-xlsx-1sheet' && x.scale === scale);
    if (r) rows.push(['score-xlsx-1sheet peak RSS < 400 MB', String(scale), `${fmt(r.peakMB, 0)} MB`, verdict(r.peakMB < 400)]);
  }
  return rows.length ? ['', 'Targets (issue 14; the ratios are set for scale 1):', '', table(['target', 'scale', 'figure', 'verdict'], rows)] : [];
}

function report(results: Result[], factor: number, runs: number, scales: number[], sample: Result[] = []): string {
  const out: string[] = [`## ecops bench: scale factor ${factor}, ${runs} run(s) each, ${new Date().toISOString()}`, '', machine(), ''];
  out.push(table(
    ['command', 'scale', 'rows', 'seconds', 'cpu s', 'rows/s', 'peak RSS MB', 'floor s', 'ecops/floor', 's/100k rows'],
    results.map((r) => r.ok
      ? [r.job, String(r.scale), int(r.rows), fmt(r.seconds), fmt(r.cpu), int(r.rows / r.seconds), fmt(r.peakMB, 0), fmt(r.floorSeconds), fmt(r.ratio), fmt(per100k(r), 3)]
      : [r.job, String(r.scale), int(r.rows), 'FAILED', '', '', fmt(r.peakMB, 0), fmt(r.floorSeconds), '', '']),
  ));
  // exceljs's reader has lost rows of big workbooks before (see src/read/xlsx.ts): say so when it reads fewer.
  for (const r of results.filter((x) => x.job === 'floor-exceljs' && x.parsed)) {
    const xml = results.find((x) => x.job === 'floor-xml' && x.scale === r.scale)?.parsed;
    if (xml && r.parsed!.rows !== xml.rows) out.push('', `Note: at scale ${r.scale} exceljs read ${int(r.parsed!.rows)} rows, the XML floor ${int(xml.rows)}.`);
  }
  const failures = results.filter((r) => !r.ok);
  if (failures.length) out.push('', 'Failed:', ...failures.map((r) => `- ${r.job} at scale ${r.scale}: ${r.error}`));

  out.push('', 'Linearity: seconds per 100k rows at each scale (growth = largest scale / smallest).', '');
  const names = [...new Set(results.map((r) => r.job))];
  out.push(table(['command', ...scales.map((s) => `@${s}`), 'growth'], names.map((n) => {
    const byScale = scales.map((s) => results.find((r) => r.job === n && r.scale === s));
    const v = byScale.map((r) => (r?.ok ? per100k(r) : NaN));
    return [n, ...v.map((x) => fmt(x, 3)), fmt(v[v.length - 1] / v[0])];
  })));

  const top = scales[scales.length - 1];
  const at = (job: string, scale = top) => results.find((r) => r.job === job && r.scale === scale);
  const verdict = (pass: boolean | undefined) => (pass === undefined ? 'n/a' : pass ? 'PASS' : 'FAIL');
  const rows: string[][] = [];
  for (const [job, limit, against] of [['score-xlsx', 1.5, 'XML floor'], ['score-csv', 2, 'csv-parse floor']] as const) {
    for (const s of scales) {
      const r = at(job, s);
      if (!r) continue;
      rows.push([`${job} ≤ ${limit} × ${against}`, String(s), r?.ok ? `${fmt(r.ratio)} ×` : 'failed', verdict(r?.ok ? r.ratio! <= limit : r && false)]);
    }
  }
  const ecopsJobs = results.filter((r) => !JOBS.find((j) => j.name === r.job)?.floor);
  const worst = ecopsJobs.reduce<Result | undefined>((w, r) => (!w || r.peakMB > w.peakMB ? r : w), undefined);
  if (worst) rows.push(['peak RSS < 500 MB, every command', 'all', worst ? `max ${fmt(worst.peakMB, 0)} MB (${worst.job} @${worst.scale})` : '', verdict(worst && worst.peakMB < 500)]);
  for (const job of ['reconcile', 'close']) {
    const r = at(job);
    if (!results.some((x) => x.job === job)) continue;
    if (top === 1) {
      rows.push([`${job} < 20 s at full scale`, '1', r?.ok ? `${fmt(r.seconds)} s` : 'failed', verdict(r?.ok ? r.seconds < 20 : false)]);
      continue;
    }
    // Not run at full scale: a straight line through (scale, seconds), least squares, extended to scale 1.
    const pts = results.filter((x) => x.job === job && x.ok);
    const mx = pts.reduce((a, p) => a + p.scale, 0) / pts.length;
    const my = pts.reduce((a, p) => a + p.seconds, 0) / pts.length;
    const slope = pts.reduce((a, p) => a + (p.scale - mx) * (p.seconds - my), 0) / pts.reduce((a, p) => a + (p.scale - mx) ** 2, 0);
    const guess = my + (1 - mx) * slope;
    rows.push([`${job} < 20 s at full scale`, String(top), r?.ok ? `${fmt(r.seconds)} s (≈ ${fmt(guess, 0)} s at 1, fitted)` : 'failed', 'n/a']);
  }
  if (rows.length) out.push('', 'Targets (issue 5):', '', table(['target', 'scale', 'figure', 'verdict'], rows));
  out.push(...shapeTargets(results, scales, sample), ...sampleReport(sample));
  out.push('', `load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`, '',
    'ecops seconds are wall time of the whole process (start-up included); floor seconds are the parse alone,',
    'measured inside the floor process. score-csv is compared with csv-parse over the CSV consultations plus the XML floor',
    'over the other logs of that folder (links to the same .xlsx files).');
  return out.join('\n');
}

/**
 * Copies the built CLI (bin/, dist/, templates/, package.json; node_modules linked) into `dir`. Others may rebuild
 * dist/ while a long run goes on; every figure of one run must come from one build.
 */
async function snapshot(dir: string): Promise<string> {
  for (const part of ['bin', 'dist', 'templates', 'package.json']) await cp(join(ROOT, part), join(dir, part), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return join(dir, 'bin', 'ecops.js');
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, only: { type: 'string' }, year: { type: 'boolean' } },
  });
  const factor = Number(values.scale);
  const runs = Math.max(1, Math.floor(Number(values.runs)));
  if (!(factor > 0) || !(runs > 0)) throw new Error('usage: npm run bench [-- --scale 0.1] [-- --runs 3] [-- --only a,b]');
  const only = values.only?.split(',');
  // With --only: those jobs and the floors they are compared with.
  const chosen = JOBS.filter((j) => !only || only.includes(j.name));
  const needed = new Set(chosen.flatMap((j) => j.against ?? []));
  const all = JOBS.filter((j) => chosen.includes(j) || needed.has(j.name));
  const jobs = all.filter((j) => j.data !== 'sample');
  const sampleJobs = all.filter((j) => j.data === 'sample');
  const scales = [0.25, 0.5, 1].map((s) => Number((s * factor).toPrecision(6)));
  await mkdir(BENCH_ROOT, { recursive: true });
  const tmp = await mkdtemp(join(BENCH_ROOT, 'out-'));
  ECOPS = await snapshot(join(tmp, 'ecops'));
  snapshotAt = new Date().toISOString();
  process.stderr.write(`${machine()}\n`);
  if (values.year) {
    // The year (bench/year.ts): its own data, jobs and targets, measured here.
    try {
      await runYear(factor, runs, { ecops: ECOPS, tmp, machine: machine(), rssMethod: RSS_METHOD, measure, table, median });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    return;
  }

  const results: Result[] = [];
  let sampleResults: Result[] = [];
  try {
    if (sampleJobs.length) sampleResults = await runSample(sampleJobs, Math.max(runs, 5), tmp);
    for (const scale of scales) {
      if (!jobs.some((j) => !j.floor)) break;
      const generated = await ensureData(scale);
      const m = jobs.some((j) => j.data.startsWith('one-')) ? { ...generated, ...(await ensureShapes(generated)) } : generated;
      process.stderr.write(`scale ${scale}: ${int(m.totalRows)} rows (${int(m.logs.consultations)} consultations) in ${m.xlsxDir}\n`);
      const here = await runScale(jobs, m, runs, tmp);
      compare(here);
      results.push(...here);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  const text = report(results, factor, runs, scales, sampleResults);
  console.log(text);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = join(BENCH_ROOT, `results-x${factor}-${stamp}`);
  await writeFile(`${base}.md`, `${text}\n`);
  await writeFile(`${base}.json`, JSON.stringify({ factor, runs, rssMethod: RSS_METHOD, results, sample: sampleResults }, null, 2));
  process.stderr.write(`\nreport: ${base}.md (and .json)\n`);
}

await main();
