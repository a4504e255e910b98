/**
 * Runs every case of the bad-input corpus (build.ts) through the built CLI (helpers/cli.ts): exit status, the exact issues
 * or the one-line error, no stack trace, no hang (a run still going after a minute is killed and fails). How fast the
 * reader is on big inputs is measured by `npm run bench`, not here: a time limit in a test that shares the machine
 * with the rest of the suite only measures how busy the machine is.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecopsAsync, type EcopsRun } from '../helpers/cli.js';
import { CASES, holdOpenCheck, type CorpusCase, type Dirs, type IssueTuple } from './build.js';

const HANG_MS = 60_000;

/**
 * At most two CLI runs at a time (this machine has two cores): the cases are written concurrently, but runs
 * queue here, so that the hang limit never trips on a merely starved run.
 */
const SLOTS = 2;
let free = SLOTS;
const waiting: (() => void)[] = [];
async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
  else free--;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else free++;
  }
}
let base: string;
const timings: { id: string; ms: number; status: number | null }[] = [];

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ecops-corpus-'));
});
afterAll(async () => {
  timings.sort((a, b) => b.ms - a.ms);
  console.log(`corpus: ${timings.length} cases run; slowest: ${timings.slice(0, 6).map((t) => `${t.id} ${t.ms} ms`).join(', ')}`);
  await rm(base, { recursive: true, force: true });
});

interface IssueJson {
  code: string;
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

async function runCase(c: CorpusCase, skip: () => void): Promise<void> {
  const root = join(base, c.id);
  const d: Dirs = { root, data: join(root, 'data'), out: join(root, 'out') };
  await mkdir(d.data, { recursive: true });
  const reason = await c.skip?.(d);
  if (reason) {
    console.log(`corpus: ${c.id} skipped: ${reason}`);
    skip();
    return;
  }
  await c.write(d);
  try {
    const args = c.args?.(d) ?? ['validate', '--data', d.data, '--json'];
    const go = () => inSlot(() => ecopsAsync(args, { timeoutMs: HANG_MS, spawn: c.spawn }));
    const run: EcopsRun = c.id === 'out-held-open' ? await holdOpenCheck(d, go) : await go();
    timings.push({ id: c.id, ms: run.ms, status: run.status });

    expect(run.timedOut, `${c.id}: still running after ${HANG_MS} ms`).toBe(false);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(run.stderr).not.toMatch(/internal error|内部错误/);
    expect({ status: run.status, stderr: run.stderr.slice(0, 500) }).toMatchObject({ status: c.expect.status });

    const e = c.expect;
    if (e.issues || e.tables) {
      const json = JSON.parse(run.stdout) as { issues: IssueJson[]; tables: { file: string; sheet: string; log: string; rows: number }[] };
      if (e.issues) {
        const got = json.issues.map((i): IssueTuple => [i.code, i.file, i.sheet, i.row, i.column]);
        expect(got).toEqual(e.issues);
        for (const [k, parts] of Object.entries(e.messages ?? {})) {
          for (const p of parts) expect(json.issues[Number(k)].message).toContain(p);
        }
        for (const [k, v] of Object.entries(e.values ?? {})) expect(json.issues[Number(k)].value).toBe(v);
        // Every issue names its file; row problems name sheet, row and column too.
        for (const i of json.issues) {
          expect(i.file).toBeTruthy();
          if (i.code === 'file-error') expect(i.message).toContain(i.file);
        }
      }
      if (e.tables) expect(json.tables.map((t) => [t.file, t.sheet, t.log, t.rows])).toEqual(e.tables);
    }
    if (e.stderr) {
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(e.stderrLines ?? 1);
      for (const p of e.stderr) expect(lines[0]).toContain(p);
    }
    await c.check?.(d, run);
  } finally {
    await c.cleanup?.(d);
  }
}

describe.concurrent('bad-input corpus', () => {
  for (const c of CASES) it(`${c.id}: ${c.title}`, (ctx) => runCase(c, () => ctx.skip()), 2 * HANG_MS);
});

it('has at least 40 cases, with unique ids', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
});
