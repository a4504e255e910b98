import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/logs/load.js';
import { buildHeaderIndex, recognize } from '../../src/logs/recognize.js';
import type { RawRow } from '../../src/read/types.js';
import { d, tempDir, writeCsv, writeXlsx } from '../helpers/sheets.js';

const rows = (...cells: (string | null)[][]): RawRow[] => cells.map((c, i) => ({ row: i + 1, cells: c }));
const index = buildHeaderIndex();

describe('recognize', () => {
  it.each([
    ['canonical Simplified', ['咨询时间', '客服', '渠道', '首次响应秒数'], 'consultations'],
    ['Traditional', ['諮詢時間', '客服', '渠道', '響鈴次數'], 'consultations'],
    ['English keys', ['received_at', 'staff', 'channel'], 'consultations'],
    ['aliases', ['接入时间', '接待客服', '咨询渠道'], 'consultations'],
    ['full-width and spaces', ['咨询 时间', '客服', '渠道', '首次响应秒数（秒）'], 'consultations'],
    ['returns beats inbound', ['订单号', '类型', '货号', '数量', '申请时间', '客服', '入库时间'], 'returns'],
    ['inbound', ['入库时间', '货号', '数量', '单价'], 'inbound'],
    ['stock counts in Traditional', ['盤點日期', '貨號', '實盤數量'], 'stock_counts'],
    ['staff', ['姓名', '岗位', '直属上级'], 'staff'],
    ['meetings', ['会议时间', '会议', '姓名', '签到时间'], 'meetings'],
    ['incidents', ['日期', '姓名', '条款', '扣分', '说明'], 'incidents'],
  ])('%s', (_, header, log) => {
    const found = recognize(rows(header), index);
    expect(found).toMatchObject({ kind: 'log', log, at: 0 });
  });

  it('finds the header below title rows', () => {
    const found = recognize(rows(['2024年5月咨询记录'], [], ['导出时间', '2024-06-01'], ['咨询时间', '客服', '渠道']), index);
    expect(found).toMatchObject({ kind: 'log', log: 'consultations', at: 3 });
  });

  it('accepts user aliases from the regulation file', () => {
    const custom = buildHeaderIndex({ consultations: { staff: ['接待人'] } });
    expect(recognize(rows(['咨询时间', '接待人', '渠道']), custom)).toMatchObject({ kind: 'log', log: 'consultations' });
    expect(recognize(rows(['咨询时间', '接待人', '渠道']), index).kind).not.toBe('log');
  });

  it('reports a tie as ambiguous', () => {
    // 货号 + 数量 + 入库时间 is inbound's minimum; 货号 + 盘点日期 + 实盘数量 is stock counts': both complete, equal size.
    const found = recognize(rows(['入库时间', '货号', '数量', '盘点日期', '实盘数量']), index);
    expect(found).toEqual({ kind: 'ambiguous', at: 0, logs: expect.arrayContaining(['inbound', 'stock_counts']) });
  });

  it('reports a near miss as missing columns, anything else as no log', () => {
    expect(recognize(rows(['咨询时间', '客服', '客户']), index)).toMatchObject({ kind: 'incomplete', log: 'consultations', missing: ['渠道'] });
    expect(recognize(rows(['备注', '内容'], ['随便写写']), index)).toEqual({ kind: 'none' });
  });

  it('only looks at the first 10 rows', () => {
    const padding = Array.from({ length: 10 }, () => ['说明文字']);
    expect(recognize(rows(...padding, ['咨询时间', '客服', '渠道']).slice(0, 10), index)).toEqual({ kind: 'none' });
  });

  it('flags a column given twice under two names', () => {
    const found = recognize(rows(['咨询时间', '客服', '接待客服', '渠道']), index);
    expect(found.kind === 'log' && found.duplicates.map((p) => p.header)).toEqual(['接待客服']);
  });
});

describe('tables in files', () => {
  it('reads one log spread over several files and sheets, from xlsx and GBK csv', async () => {
    const dir = await tempDir();
    const header = ['咨询时间', '客服', '渠道', '首次响应秒数'];
    await writeXlsx(join(dir, 'day1.xlsx'), {
      咨询: [['2024年5月6日咨询记录'], header, [d('2024-05-06 09:30:00'), '张三', '旺旺', 20]],
      备忘: [['今天系统卡顿']],
    });
    await writeXlsx(join(dir, 'day2.xlsx'), { Sheet1: [header, [d('2024-05-07 10:00:00'), '李四', '千牛', 50]] });
    await writeCsv(join(dir, 'day3.csv'), [header, ['2024/5/8 11:00', '王五', '旺旺', '３０']], 'gbk');
    const data = await loadData(dir);
    expect(data.tables.map((t) => [t.file, t.sheet, t.log, t.headerRow, t.rows])).toEqual([
      ['day1.xlsx', '咨询', 'consultations', 2, 1],
      ['day2.xlsx', 'Sheet1', 'consultations', 1, 1],
      ['day3.csv', 'day3', 'consultations', 1, 1],
    ]);
    expect(data.records.consultations.map((r) => [r.staff, r.channel, r.first_reply_seconds, r.source.row])).toEqual([
      ['张三', '旺旺', 20, 3],
      ['李四', '旺旺', 50, 2],
      ['王五', '旺旺', 30, 2],
    ]);
    expect(data.issues).toEqual([
      expect.objectContaining({ severity: 'info', code: 'ignored-table', file: 'day1.xlsx', sheet: '备忘' }),
    ]);
  });

  it('reports a duplicated header and reads the first of the two', async () => {
    const dir = await tempDir();
    await writeXlsx(join(dir, 'a.xlsx'), { S: [['咨询时间', '客服', '客服', '渠道', '首次响应秒数'], [d('2024-05-06 09:30:00'), '张三', '李四', '旺旺', 5]] });
    const data = await loadData(dir);
    expect(data.issues).toEqual([expect.objectContaining({ code: 'duplicate-column', row: 1, column: '客服', columnIndex: 2 })]);
    expect(data.records.consultations[0].staff).toBe('张三');
  });

  it('skips blank and total rows, and counts only data rows', async () => {
    const dir = await tempDir();
    await writeXlsx(join(dir, 'in.xlsx'), {
      S: [['入库时间', '货号', '数量'], [d('2024-05-06'), 'A1', 5], [], [d('2024-05-07'), 'A2', 3], ['合计', null, 8]],
    });
    const data = await loadData(dir);
    expect(data.tables[0].rows).toBe(2);
    expect(data.records.inbound).toHaveLength(2);
    expect(data.issues).toEqual([expect.objectContaining({ severity: 'info', code: 'total-row', row: 5 })]);
  });
});
