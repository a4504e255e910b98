import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
import { d, tempDir, writeCsv, writeXlsx } from '../helpers/sheets.js';

/** A month with one error (a date that does not exist) and one warning (a cover who is not on the staff list). */
async function errorAndWarning() {
  const dir = await tempDir();
  await writeXlsx(join(dir, '人员.xlsx'), { 名单: [['姓名', '岗位'], ['张三', '客服']] });
  await writeXlsx(join(dir, '咨询.xlsx'), {
    五月: [
      ['咨询时间', '客服', '渠道', '首次响应秒数'],
      [d('2024-05-06 09:00:00'), '张三', '旺旺', 10],
      ['2024-13-01 10:00', '张三', '旺旺', 10],
    ],
  });
  await writeCsv(join(dir, '离岗.csv'), [['客服', '离开时间', '返回时间', '顶替人'], ['张三', '2024/5/6 12:00', '2024/5/6 12:10', '王五']], 'gbk');
  return dir;
}

describe('console lines name the severity in words, not only in colour', () => {
  it('opens each issue line with 错误 or 警告, and with error or warning in English', async () => {
    const dir = await errorAndWarning();
    const zh = ecops(['validate', '--data', dir]);
    expect(zh.status).toBe(1);
    const line = (out: string, text: string) => out.split('\n').find((l) => l.includes(text));
    expect(line(zh.stdout, '2024-13-01 10:00')).toMatch(/^错误 type-error 咨询\.xlsx › 五月 › 第3行 › 咨询时间 /);
    expect(line(zh.stdout, '王五')).toMatch(/^警告 [a-z-]+ 离岗\.csv › 离岗 › 第2行 › 顶替人 /);
    const en = ecops(['validate', '--data', dir, '--lang', 'en']);
    expect(line(en.stdout, '2024-13-01 10:00')).toMatch(/^error type-error 咨询\.xlsx › 五月 › row 3 › 咨询时间 /);
    expect(line(en.stdout, '王五')).toMatch(/^warning [a-z-]+ 离岗\.csv › 离岗 › row 2 › 顶替人 /);
  });
});
