import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/issues.js';
import { copyNames } from '../../src/output/annotate.js';
import { refuseInputTargets } from '../../src/output/files.js';
import { tempDir } from '../helpers/sheets.js';

describe('refuseInputTargets', () => {
  it('refuses a target that is an input, directly, through a linked folder, or as a link to it; allows the rest', async () => {
    const dir = await tempDir();
    const data = join(dir, 'data');
    await mkdir(data);
    await writeFile(join(data, 'score-2024-05.xlsx'), 'input');
    await symlink(data, join(dir, 'alias'));
    await mkdir(join(dir, 'out'));
    await symlink(join(data, 'score-2024-05.xlsx'), join(dir, 'out', 'loss-2024-05.xlsx'));
    const inputs = [join(data, 'score-2024-05.xlsx')];
    for (const target of [join(data, 'score-2024-05.xlsx'), join(dir, 'alias', 'score-2024-05.xlsx'), join(dir, 'out', 'loss-2024-05.xlsx')]) {
      const err = await refuseInputTargets([target], inputs, '--out').catch((e: unknown) => e);
      expect(err, target).toBeInstanceOf(UsageError);
      expect((err as UsageError).text.en).toContain('would overwrite an input file');
      expect((err as UsageError).text.en).toContain('--out');
    }
    await expect(refuseInputTargets([join(dir, 'out', 'score-2024-05.xlsx'), join(data, 'other.xlsx')], inputs, '--out')).resolves.toBeUndefined();
  });
});

describe('copyNames (--annotate)', () => {
  it('keeps sub-folders, and gives a .csv or .xls its own name when an .xlsx has the plain one', () => {
    expect(Object.fromEntries(copyNames(['5月/咨询.xlsx', '6月/咨询.xlsx', '咨询.csv', '咨询.xlsx', '离岗.csv', 'a.csv', 'a.xls', 'A.XLSX']))).toEqual({
      '5月/咨询.xlsx': '5月/咨询.xlsx',
      '6月/咨询.xlsx': '6月/咨询.xlsx',
      '咨询.xlsx': '咨询.xlsx',
      '咨询.csv': '咨询.csv.xlsx',
      '离岗.csv': '离岗.xlsx',
      'A.XLSX': 'A.XLSX',
      'a.csv': 'a.csv.xlsx',
      'a.xls': 'a.xls.xlsx',
    });
  });
});
