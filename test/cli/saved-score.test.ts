/** `ecops score` saves its JSON beside the workbook, and reads earlier months' from the output folder by default. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
import { tempDir } from '../helpers/sheets.js';

const SAMPLE = ['--data', 'fixtures/sample'];

describe('score-YYYY-MM.json beside the workbook', () => {
  let out: string;
  let rules: string;
  beforeAll(async () => {
    out = await tempDir();
    // A pass mark of 90 fails 张婷 (82.5) in May; April's saved assessment failed her too.
    rules = join(out, 'strict.yaml');
    await writeFile(rules, (await readFile('templates/regulation.yaml', 'utf8')).replace(/^pass_mark: 60/m, 'pass_mark: 90'));
    await writeFile(join(out, 'score-2024-04.json'), JSON.stringify({ month: '2024-04', staff: [{ name: '张婷', role: '客服', score: 85, passed: false }] }));
  });

  it('holds exactly what --json prints, and feeds the LD-3 hint without --history', async () => {
    const r = ecops(['score', '--month', '2024-05', ...SAMPLE, '--rules', rules, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(join(out, 'score-2024-05.json'));
    const saved = JSON.parse(await readFile(join(out, 'score-2024-05.json'), 'utf8'));
    const printed = JSON.parse(ecops(['score', '--month', '2024-05', ...SAMPLE, '--rules', rules, '--out', out, '--json']).stdout);
    expect(saved).toEqual(printed);
    expect(saved.ld3Hints).toEqual([{ supervisor: '刘芳', staff: '张婷', failedMonths: ['2024-04', '2024-05'] }]);
  });

  it('an explicit --history elsewhere replaces the output folder', async () => {
    const r = ecops(['score', '--month', '2024-05', ...SAMPLE, '--rules', rules, '--out', out, '--history', join(out, 'none'), '--json']);
    expect(JSON.parse(r.stdout).ld3Hints).toEqual([]);
  });
});
