/**
 * The programmatic API (docs/api.md) on the sample month: each function returns what its command's --json prints
 * (the built CLI run once per command for the comparison), prints nothing, and throws a UsageError with the
 * CLI's exit status for a problem that stops the command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { annual, close, inspect, reconcile, score, StrictError, stock, UsageError, validate } from '../../src/index.js';
import { ecops } from '../helpers/cli.js';
import { tempDir } from '../helpers/sheets.js';

const DATA = 'fixtures/sample';

/**
 * What the built CLI prints with --json, in English, run in this process's locale: names that tie are ordered by
 * the locale's collation (localeCompare), which follows LANG.
 */
function cliJson(args: string[]): unknown {
  const r = ecops([...args, '--json', '--lang', 'en'], { LANG: process.env.LANG ?? '', LC_ALL: process.env.LC_ALL ?? '' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('the API (docs/api.md)', () => {
  // An empty output folder, so that score and annual find no saved months in ./reports.
  let out: string;
  beforeAll(async () => {
    out = await tempDir('ecops-api-');
  });

  const writes: string[] = [];
  beforeEach(() => {
    writes.length = 0;
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        writes.push(String(chunk));
        return true;
      });
    }
    process.exitCode = undefined;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    // Nothing on stdout or stderr, no exit status set: those are the CLI's.
    expect(writes).toEqual([]);
    expect(process.exitCode).toBeUndefined();
  });

  const common = () => ({ data: DATA, out, lang: 'en' as const });

  it('validate returns the tables and issues validate --json prints', async () => {
    const { written, ...result } = await validate(common());
    expect(written).toEqual([]);
    expect(result.tables.length).toBeGreaterThan(40);
    expect(result).toEqual(cliJson(['validate', '--data', DATA]));
  });

  it('score returns what score --json prints, and writes nothing unless asked', async () => {
    const { written, ...result } = await score({ ...common(), month: '2024-05' });
    expect(written).toEqual([]);
    expect(result.staff.length).toBeGreaterThan(0);
    expect(result).toEqual(cliJson(['score', '--month', '2024-05', '--data', DATA, '--out', out]));
    expect(existsSync(join(out, 'score-2024-05.xlsx'))).toBe(false);
  });

  it('score with write: the workbook, and beside it the JSON it returns', async () => {
    const dir = await tempDir('ecops-api-');
    const { written, ...result } = await score({ data: DATA, out: dir, lang: 'en', month: '2024-05', asOf: '2024-05-31', write: true });
    expect(written).toEqual([join(dir, 'score-2024-05.xlsx'), join(dir, 'score-2024-05.json')]);
    expect(existsSync(written[0])).toBe(true);
    expect(JSON.parse(readFileSync(written[1], 'utf8'))).toEqual(result);
  });

  it('reconcile, close and stock return what their --json prints', async () => {
    const { written: w1, ...rec } = await reconcile({ ...common(), week: '2024-W21' });
    expect(rec).toEqual(cliJson(['reconcile', '--week', '2024-W21', '--data', DATA]));
    const { written: w2, ...closed } = await close({ ...common(), month: '2024-05' });
    expect(closed).toEqual(cliJson(['close', '--month', '2024-05', '--data', DATA]));
    const { written: w3, ...book } = await stock({ ...common(), date: '2024-05-14' });
    expect(book).toEqual(cliJson(['stock', '--date', '2024-05-14', '--data', DATA]));
    expect([w1, w2, w3]).toEqual([[], [], []]);
    expect(rec.lines.length).toBeGreaterThan(0);
    expect(book.lines.length).toBeGreaterThan(0);
  });

  it('annual returns what annual --json prints', async () => {
    const { written, ...result } = await annual({ ...common(), year: 2024 });
    expect(written).toEqual([]);
    expect(result.sources['2024-05']).toBe('data');
    expect(result).toEqual(cliJson(['annual', '--year', '2024', '--data', DATA, '--out', out]));
  });

  it('inspect returns what inspect --json prints', async () => {
    const file = join(DATA, '基础资料.xlsx');
    const result = await inspect({ file });
    expect(result.tables.some((t) => t.log === 'staff')).toBe(true);
    expect(result).toEqual(cliJson(['inspect', file]));
  });

  it('a problem that stops a command is a UsageError with its exit status and both languages', async () => {
    const bad = await score({ ...common(), month: '2024-13' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(UsageError);
    expect((bad as UsageError).exitCode).toBe(2);
    expect((bad as UsageError).text.zh).toContain('2024-13');
    expect((bad as UsageError).text.en).toContain('2024-13');

    const missing = await validate({ data: join(out, 'nope') }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UsageError);
    expect((missing as UsageError).exitCode).toBe(2);

    // The sample month has planted input errors: strict stops before anything is written, with exit status 1.
    const dir = await tempDir('ecops-api-');
    const strict = await close({ data: DATA, out: dir, month: '2024-05', strict: true, write: true }).catch((e: unknown) => e);
    expect(strict).toBeInstanceOf(StrictError);
    expect((strict as StrictError).exitCode).toBe(1);
    expect((strict as StrictError).errors).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'inventory-2024-05.xlsx'))).toBe(false);
  });
});

describe('the package', () => {
  it("is imported by its name from the build: import { score } from 'ecops'", () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "const api = await import('ecops'); console.log(Object.keys(api).sort().join(' '))"], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('StrictError UsageError annual close inspect inspectCells reconcile score stock validate');
  });
});
