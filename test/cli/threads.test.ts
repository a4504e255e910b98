/**
 * Files read on worker threads (ECOPS_THREADS, or every core for a large input) give byte for byte the output
 * of one thread: parts are merged in file order, whichever thread finished first. validate runs as real
 * processes (bin/ecops.js starting its worker threads), the others in-process.
 */
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecopsAsync } from '../helpers/cli.js';
import { tempDir } from '../helpers/sheets.js';

describe('ECOPS_THREADS', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('ecops-threads-');
    await cp('fixtures/sample', dir, { recursive: true });
    await writeFile(join(dir, '咨询记录-损坏.xlsx'), 'PK\u0003\u0004 not really a zip');
  });

  const commands = [
    ['validate'],
    ['score', '--month', '2024-05'],
    ['reconcile', '--week', '2024-W21'],
    ['close', '--month', '2024-05'],
  ];
  for (const command of commands) {
    it(`${command[0]}: the same JSON and exit status on 1 and 2 threads, a damaged file among the inputs`, async () => {
      // --json without --out: the results alone, no workbook (the workbooks are the same code over the same results).
      const args = [...command, '--data', dir, '--json'];
      const [one, two] = await Promise.all([
        ecopsAsync(args, { env: { ECOPS_THREADS: '1' }, timeoutMs: 60_000, spawn: command[0] === 'validate' }),
        ecopsAsync(args, { env: { ECOPS_THREADS: '2' }, timeoutMs: 60_000, spawn: command[0] === 'validate' }),
      ]);
      expect(two.stderr).toBe(one.stderr);
      expect(two.status).toBe(one.status);
      expect(two.stdout).toBe(one.stdout);
      const json = JSON.parse(two.stdout);
      expect(json.issues.some((i: { code: string; file: string }) => i.code === 'file-error' && i.file === '咨询记录-损坏.xlsx')).toBe(true);
    });
  }
});
