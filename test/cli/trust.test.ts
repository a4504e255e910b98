/**
 * What a supervisor signs must not count anything twice, drop anything unnoticed, or charge beyond the data:
 * each case is a folder of files as users send them, run through the built CLI, the JSON checked.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
import { d, tempDir, writeCsv, writeXlsx, type Row } from '../helpers/sheets.js';

const STAFF: Row[] = [['姓名', '岗位', '直属上级'], ['张三', '客服', '刘主管'], ['李四', '客服', '刘主管'], ['王五', '客服', '刘主管'], ['刘主管', '客服主管', null]];
const REPORTS: Row[] = [['类型', '提交人', '所属日期', '提交时间']];
const PRESENCE_HEADER = ['客服', '离开时间', '返回时间', '已切换状态', '顶替人'];

const score = (dir: string, ...args: string[]) => ecops(['score', '--month', '2024-05', '--data', dir, '--json', ...args]);
const json = (r: { stdout: string }) => JSON.parse(r.stdout);
const SAMPLE = ['--data', 'fixtures/sample'];

describe('nothing counted twice', () => {
  it('a presence row pasted twice charges the team once, with a duplicate-row warning', async () => {
    const dir = await tempDir();
    const lunch = ['张三', d('2024-05-06 11:40:00'), d('2024-05-06 12:10:00'), '是', null];
    await writeXlsx(join(dir, 'data.xlsx'), { 人员: STAFF, 离岗: [PRESENCE_HEADER, lunch, lunch], 报表: REPORTS });
    const r = score(dir);
    expect(r.status).toBe(0);
    const out = json(r);
    expect(out.violations.filter((v: { rule: string }) => v.rule === 'CS-ONLINE-1').map((v: { staff: string }) => v.staff).sort()).toEqual(['张三', '李四', '王五']);
    expect(out.issues.filter((i: { code: string }) => i.code === 'duplicate-row')).toMatchObject([{ severity: 'warning', file: 'data.xlsx', sheet: '离岗', row: 3, message: '与 data.xlsx 离岗 第 2 行 完全相同，只计一次' }]);
  });

  it('a day of consultations saved twice (.xlsx and a copy) is read once', async () => {
    const dir = await tempDir();
    const chats: Row[] = [['咨询时间', '客服', '渠道', '首次响应秒数'], [d('2024-05-06 10:00:00'), '张三', '旺旺', 90], [d('2024-05-06 10:05:00'), '李四', '旺旺', 120]];
    await writeXlsx(join(dir, '咨询-0506.xlsx'), { 咨询: chats });
    await writeXlsx(join(dir, '咨询-0506 - 副本.xlsx'), { 咨询: chats });
    await writeXlsx(join(dir, 'base.xlsx'), { 人员: STAFF, 报表: REPORTS });
    const out = json(score(dir));
    expect(out.violations.filter((v: { rule: string }) => v.rule === 'CS-REPLY-3').map((v: { staff: string }) => v.staff)).toEqual(['张三', '李四']);
    expect(out.issues.filter((i: { code: string }) => i.code === 'duplicate-table')).toMatchObject([{ severity: 'warning', file: '咨询-0506.xlsx', value: '咨询-0506 - 副本.xlsx / 咨询' }]);
  });
});

describe('something missing is said', () => {
  it('without a staff list, score stops with exit 2 naming it', async () => {
    const dir = await tempDir();
    await writeXlsx(join(dir, 'data.xlsx'), { 离岗: [PRESENCE_HEADER] });
    const r = score(dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('人员名单');
    expect(r.stderr).toContain('姓名、岗位');
    expect(r.stderr).not.toMatch(/at .*\.js/); // no stack trace
  });

  it('without a reports table, CS-DATA-1/2 are not applied, with one missing-log warning; an empty table means nothing was sent', async () => {
    const dir = await tempDir();
    const chats: Row[] = [['咨询时间', '客服', '渠道', '首次响应秒数'], [d('2024-05-06 10:00:00'), '张三', '旺旺', 10]];
    await writeXlsx(join(dir, 'data.xlsx'), { 人员: STAFF, 咨询: chats });
    const out = json(score(dir));
    expect(out.violations.filter((v: { rule: string }) => v.rule.startsWith('CS-DATA'))).toEqual([]);
    const missing = out.issues.filter((i: { code: string }) => i.code === 'missing-log');
    expect(missing.map((i: { value: string }) => i.value)).toContain('reports');
    expect(missing.find((i: { value: string }) => i.value === 'reports').message).toMatch(/报表提交.*CS-DATA-1、CS-DATA-2/);

    await writeXlsx(join(dir, 'data.xlsx'), { 人员: STAFF, 咨询: chats, 报表: REPORTS });
    // The data ends at the chat (6 May 10:00), before the report's deadline: as of the month's end it is due.
    expect(json(score(dir)).pending.map((p: { rule: string }) => p.rule)).toContain('CS-DATA-1');
    const withEmpty = json(score(dir, '--as-of', '2024-05-31'));
    expect(withEmpty.violations.filter((v: { rule: string }) => v.rule === 'CS-DATA-1').map((v: { staff: string }) => v.staff)).toEqual(['张三']);
    expect(withEmpty.issues.map((i: { value: string }) => i.value)).not.toContain('reports');
  });
});

describe('as-of and coverage', () => {
  it('a month the data does not cover is cut where the data ends, and says it is provisional', () => {
    const out = json(ecops(['score', '--month', '2024-06', ...SAMPLE, '--json']));
    expect(out.asOf).toBe('2024-06-07T08:35:40');
    expect(out.coverage).toMatchObject({ dataEnds: '2024-06-07T08:35:40', provisional: true });
    expect(out.violations.every((v: { date: string }) => v.date <= out.asOf)).toBe(true);
    expect(out.violations.filter((v: { rule: string }) => v.rule === 'CS-DATA-2')).toEqual([]); // no weekly summary of a week that has not happened
    expect(out.staff.every((s: { passed: boolean }) => s.passed)).toBe(true);
  });

  it('pending means still open at as-of: the 31 May daily reports, sent on 3 June, are pending only at an earlier as-of', () => {
    const reportsOf31 = (o: { pending: { rule: string; reason: string }[] }) => o.pending.filter((p) => p.rule === 'CS-DATA-1' && p.reason.startsWith('2024-05-31'));
    const byDefault = json(ecops(['score', '--month', '2024-05', ...SAMPLE, '--json']));
    expect(reportsOf31(byDefault)).toEqual([]);
    const atMonthEnd = json(ecops(['score', '--month', '2024-05', ...SAMPLE, '--json', '--as-of', '2024-05-31']));
    expect(atMonthEnd.asOf).toBe('2024-05-31T23:59:59');
    expect(reportsOf31(atMonthEnd).length).toBe(4);
    expect(atMonthEnd.coverage.pending).toBe(atMonthEnd.pending.length);
  });

  it('the console says a provisional month is provisional', async () => {
    const shown = ecops(['score', '--month', '2024-06', ...SAMPLE, '--out', await tempDir()]);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('数据截至 2024-06-07 08:35，考核为暂定');
  });

  it('the console counts exempt violations apart, as 汇总 does (何军: no violation that cost points, one exempt)', async () => {
    const shown = ecops(['score', '--month', '2024-05', ...SAMPLE, '--out', await tempDir()]);
    const line = shown.stdout.split('\n').find((l) => l.includes('何军'))!;
    expect(line.split('│').map((c) => c.trim()).filter(Boolean)).toEqual(['何军', '打包员', '0', '100', '是', '0', '1']);
  });
});

describe('identifiers and encodings as Excel and re-saves left them', () => {
  it('a 19-digit order number typed into a General column (3.99E+18, or its rounded number) is a precision-lost warning', async () => {
    const dir = await tempDir();
    const header = ['订单号', '流程完成时间', '发货时间', '货号', '数量', '负责人', '快递单号'];
    await writeCsv(join(dir, '发货.csv'), [header, ['3.99E+18', '2024-05-06 10:00', '2024-05-06 15:00', 'A1', 1, '张三', 'SF1']], 'gbk');
    await writeXlsx(join(dir, '发货.xlsx'), { 发货: [header, [3990000000000000000, d('2024-05-07 10:00'), d('2024-05-07 15:00'), 'A1', 1, '张三', 'SF2'], ['3990000000000000123', d('2024-05-07 10:00'), d('2024-05-07 15:00'), 'A1', 1, '张三', 'SF3']] });
    await writeXlsx(join(dir, 'base.xlsx'), { 人员: STAFF });
    const r = ecops(['validate', '--data', dir, '--json']);
    expect(r.status).toBe(0);
    expect(json(r).issues.map((i: { file: string; row: number; column: string; code: string; severity: string }) => [i.file, i.row, i.column, i.code, i.severity])).toEqual([
      ['发货.csv', 2, '订单号', 'precision-lost', 'warning'],
      ['发货.xlsx', 2, '订单号', 'precision-lost', 'warning'],
    ]);
  });

  it('headers garbled by a wrong re-save are an encoding error, not an ignored sheet', async () => {
    const dir = await tempDir();
    const garble = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    await writeFile(join(dir, '咨询.csv'), `${['咨询时间', '客服', '渠道'].map(garble).join(',')}\n2024-05-06 10:00,${garble('张三')},${garble('旺旺')}\n`);
    const r = ecops(['validate', '--data', dir, '--json']);
    expect(r.status).toBe(1);
    expect(json(r).issues).toMatchObject([{ severity: 'error', code: 'encoding', file: '咨询.csv' }]);
    expect(json(r).issues[0].message).toContain('--encoding');
  });
});

describe('the warehouse commands say what is missing', () => {
  const SKUS: Row[] = [['货号', '品名', '成本单价', '期初库存', '期初日期'], ['A1', '纯棉T恤', 25.5, 10, d('2024-05-01')]];

  it('reconcile without stock counts, or without the product master, stops with exit 2 naming the table', async () => {
    const dir = await tempDir();
    await writeXlsx(join(dir, '商品.xlsx'), { 商品档案: SKUS });
    const noCounts = ecops(['reconcile', '--week', '2024-W21', '--data', dir, '--json']);
    expect(noCounts.status).toBe(2);
    expect(noCounts.stdout).toBe('');
    expect(noCounts.stderr).toContain('盘点表');

    const other = await tempDir();
    await writeXlsx(join(other, '盘点.xlsx'), { 盘点: [['盘点日期', '货号', '实盘数量'], [d('2024-05-22'), 'A1', 9]] });
    for (const args of [['reconcile', '--week', '2024-W21'], ['close', '--month', '2024-05'], ['stock', '--date', '2024-05-22']]) {
      const r = ecops([...args, '--data', other, '--json']);
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr, args[0]).toContain('商品档案');
    }
  });

  it('an empty count sheet (its header, no rows) is a week with nothing counted, not a missing log', async () => {
    const dir = await tempDir();
    await writeXlsx(join(dir, '基础.xlsx'), { 商品档案: SKUS, 盘点: [['盘点日期', '货号', '实盘数量']] });
    const r = ecops(['reconcile', '--week', '2024-W21', '--data', dir, '--json']);
    expect(r.status).toBe(0);
    expect(json(r).lines).toEqual([]);
    expect(json(r).notCounted).toEqual(['A1']);
  });
});
