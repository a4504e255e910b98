/** The incidents log as the supervisor types it: codes normalised once where it is read, clauses and points checked there. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/calendar.js';
import { loadData } from '../../src/logs/load.js';
import { incidentRulesOf, loadRegulation } from '../../src/regulation/index.js';
import { scoreMonth } from '../../src/score/score.js';
import { d, tempDir, writeCsv, writeXlsx, type Row } from '../helpers/sheets.js';

const STAFF: Row[] = [['姓名', '岗位'], ['张三', '客服'], ['李四', '文案']];
const HEADER = ['日期', '姓名', '条款', '次数', '扣分', '说明'];

async function load(rows: Row[]) {
  const dir = await tempDir();
  await writeXlsx(join(dir, 'data.xlsx'), { 人员: STAFF, 奖惩: [HEADER, ...rows] });
  const base = loadRegulation();
  const regulation = { ...base, rules: { ...base.rules, 'ED-3': { ...base.rules['ED-3'], enabled: false } } };
  const data = await loadData(dir, { aliases: regulation.columns, incidentRules: incidentRulesOf(regulation) });
  return { data, regulation };
}

describe('incident codes as people type them', () => {
  it('ＣＳ－ＤＯＣＳ－１, cs_docs_1, " CS-DOCS-1 " and cs—docs—1 are one code, and each row is charged once', async () => {
    const { data, regulation } = await load([
      [d('2024-05-06'), '张三', 'ＣＳ－ＤＯＣＳ－１', null, null, '客户资料留在桌上'],
      [d('2024-05-07'), '张三', 'cs_docs_1', null, null, '客户资料留在桌上'],
      [d('2024-05-08'), '张三', ' CS-DOCS-1 ', null, null, '客户资料留在桌上'],
      [d('2024-05-09'), '张三', 'cs—docs—1', null, null, '客户资料留在桌上'],
    ]);
    expect(data.issues).toEqual([]);
    expect(data.records.incidents.map((r) => r.rule)).toEqual(['CS-DOCS-1', 'CS-DOCS-1', 'CS-DOCS-1', 'CS-DOCS-1']);
    const r = scoreMonth(data.records, { regulation, calendar: createCalendar(), month: '2024-05' });
    expect(r.violations.filter((v) => v.rule === 'CS-DOCS-1').map((v) => v.points)).toEqual([3, 3, 3, 3]);
    expect(r.staff.find((s) => s.name === '张三')?.deducted).toBe(12 + r.violations.filter((v) => v.rule !== 'CS-DOCS-1' && v.staff === '张三').reduce((n, v) => n + v.points, 0));
  });

  it('an unknown clause, a computed clause, a disabled clause, and points off the range: each has its own code', async () => {
    const { data } = await load([
      [d('2024-05-06'), '李四', 'XX-9', null, null, '无此条款'],
      [d('2024-05-06'), '李四', 'cs-reply-3', null, null, '自动计算的条款'],
      [d('2024-05-06'), '李四', 'ed-3', null, null, '已停用'],
      [d('2024-05-06'), '李四', 'ED-5', null, null, '缺扣分'],
      [d('2024-05-06'), '李四', 'ED-5', null, 1.9, '低于范围'],
      [d('2024-05-06'), '李四', 'ED-5', null, 4.5, '高于范围'],
      [d('2024-05-06'), '李四', 'ED-5', null, 4, '范围内'],
      [d('2024-05-06'), '李四', 'CS-REPLY-1', null, 2, '固定分值'],
    ]);
    expect(data.issues.map((i) => [i.row, i.column, i.code, i.severity, i.message.zh])).toEqual([
      [2, '条款', 'unknown-rule', 'error', '「XX-9」不是规则文件中的条款编号'],
      [3, '条款', 'unknown-rule', 'error', 'CS-REPLY-3 由记录表自动计算，不能在奖惩登记中登记'],
      [4, '条款', 'rule-disabled', 'warning', '条款 ED-3 在规则文件中已停用，此行不扣分'],
      [5, '扣分', 'required-value', 'error', 'ED-5 的扣分在 2–4 分之间，须填写扣分'],
      [6, '扣分', 'constraint-error', 'error', '扣分 1.9 不在 ED-5 的范围 2–4 分内'],
      [7, '扣分', 'constraint-error', 'error', '扣分 4.5 不在 ED-5 的范围 2–4 分内'],
      [9, '扣分', 'constraint-error', 'warning', 'CS-REPLY-1 固定扣 0.5 分，登记的 2 分未采用'],
    ]);
    expect(data.records.incidents.map((r) => [r.source.row, r.rule])).toEqual([[4, 'ED-3'], [8, 'ED-5'], [9, 'CS-REPLY-1']]);
  });

  it('the same incidents saved as .xlsx and .csv count once, with one duplicate-table warning', async () => {
    const dir = await tempDir();
    const rows = [[d('2024-05-06'), '张三', 'CS-DOCS-1', 1, 3, '资料过夜'], [d('2024-05-08'), '张三', 'LD-2', 1, 5, '未解决']];
    await writeXlsx(join(dir, 'incidents.xlsx'), { 奖惩: [HEADER, ...rows] });
    await writeCsv(join(dir, 'incidents.csv'), [HEADER, ['2024-05-06', '张三', 'CS-DOCS-1', 1, 3, '资料过夜'], ['2024/5/8', '张三', 'cs-docs-1'.replace('cs-docs-1', 'LD-2'), 1, 5, '未解决']], 'gbk');
    await writeXlsx(join(dir, 'staff.xlsx'), { 人员: STAFF });
    const regulation = loadRegulation();
    const data = await loadData(dir, { incidentRules: incidentRulesOf(regulation) });
    expect(data.issues.map((i) => [i.file, i.code, i.severity, i.message.zh])).toEqual([
      ['incidents.xlsx', 'duplicate-table', 'warning', '此表 2 行与「incidents.csv / incidents」完全重复（同一记录保存了两份？），未重复计入'],
    ]);
    expect(data.records.incidents).toHaveLength(2);
    expect(data.tables.find((t) => t.file === 'incidents.xlsx')).toMatchObject({ rows: 2, excluded: 2 });
  });
});
