/** The bundled sample month, end to end through the built CLI (the README's first command, as a real process). */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ecopsProcess } from '../helpers/cli.js';

const SAMPLE = 'fixtures/sample';

describe('ecops validate on the sample month', () => {
  it('recognises all twelve logs and reports exactly the planted problems', async () => {
    const r = ecopsProcess(['validate', '--data', SAMPLE, '--json']);
    expect(r.status).toBe(1); // the planted errors
    const json = JSON.parse(r.stdout);
    expect(new Set(json.tables.map((t: { log: string }) => t.log)).size).toBe(12);
    const expected = JSON.parse(await readFile('fixtures/expected-issues.json', 'utf8'));
    const key = (i: Record<string, unknown>) => [i.severity, i.code, i.file, i.sheet, i.row ?? null, i.column ?? null].join('|');
    expect(json.issues.map(key).sort()).toEqual(expected.map(key).sort());
  });
});
