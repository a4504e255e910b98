/** Every log of docs/inputs.md#logs: rows that are valid, and rows with the exact issues they must raise. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogKey } from '../../src/logs/declarations.js';
import { loadData } from '../../src/logs/load.js';
import { d, tempDir, writeXlsx, type Row } from '../helpers/sheets.js';

const STAFF: Row[] = [
  ['姓名', '岗位', '直属上级', '入职日期', '离职日期'],
  ['张三', '客服', '周主管', d('2023-01-01'), null],
  ['李四', '客服', '周主管', null, null],
  ['周主管', '客服主管', null, null, null],
  ['赵编辑', '在线编辑', null, null, null],
];
const SKUS: Row[] = [
  ['货号', '品名', '规格', '成本单价', '警戒库存', '最高库存', '期初库存', '期初日期', '状态'],
  ['A1', '纯棉T恤', '白/M', 25.5, 10, 100, 50, d('2024-04-20'), '在售'],
  ['A2', '亚麻衬衫', '蓝/L', 88.1234, null, null, 20, d('2024-04-20'), null],
];

interface Case {
  log: LogKey;
  rows: Row[];
  /** Number of valid records expected. */
  valid: number;
  /** [row, column as written, code, severity] of every issue expected. */
  issues: [number, string, string, string][];
}

const CASES: Case[] = [
  {
    log: 'staff',
    rows: [...STAFF, ['张三', '客服', null, null, null], ['钱七', '厨师', null, null, null], ['孙八', '客服', '不存在', null, null]],
    valid: 5,
    issues: [
      [6, '姓名', 'duplicate-row', 'error'],
      [7, '岗位', 'constraint-error', 'error'],
      [8, '直属上级', 'unknown-staff', 'warning'],
    ],
  },
  {
    log: 'consultations',
    rows: [
      ['咨询时间', '客服', '渠道', '首次回复时间', '首次响应秒数', '是否接听', '响铃次数', '处理完成时间', '批注', '需回访', '回访时间', '评价', '评价内容', '豁免', '豁免原因'],
      [d('2024-05-06 09:00:00'), '张三', '旺旺', null, 12, null, null, null, null, null, null, null, null, null, null],
      [d('2024-05-06 09:05:00'), '李四', '电话', null, null, '是', 3, null, null, null, null, '好评', null, null, null],
      [d('2024-05-06 09:06:00'), '李四', '电话', null, null, '否', null, null, null, null, null, null, null, null, null],
      [d('2024-05-06 19:00:00'), '张三', '留言', null, null, null, null, d('2024-05-07 10:00:00'), '已回复', '是', d('2024-05-07 15:00:00'), null, null, '是', '系统故障'],
      [d('2024-05-06 09:10:00'), '张三', '旺旺', null, null, null, null, null, null, null, null, null, null, null, null],
      [d('2024-05-06 09:11:00'), '张三', '电话', null, null, null, null, null, null, null, null, null, null, null, null],
      [d('2024-05-06 09:12:00'), '张三', '旺旺', d('2024-05-06 09:11:00'), null, null, null, null, null, null, null, null, null, null, null],
      [d('2024-05-06 09:13:00'), '王五', '旺旺', null, 5, null, null, null, null, null, null, null, null, null, null],
      [d('2024-05-06 09:14:00'), '张三', '微信', null, 5, null, null, null, null, null, null, null, null, null, null],
      [d('2024-05-06 09:15:00'), '张三', '旺旺', null, 5, null, null, null, null, null, null, null, null, '是', null],
      [d('2024-05-06 09:16:00'), '张三', '旺旺', null, 5, null, null, null, null, '是', d('2024-05-05 09:00:00'), '很好', null, null, null],
    ],
    // Row 6, a chat with no reply at all, is 漏客: a violation of CS-REPLY-3, not a row error.
    valid: 6,
    issues: [
      [7, '响铃次数', 'required-value', 'error'],
      [8, '首次回复时间', 'order-error', 'error'],
      [9, '客服', 'unknown-staff', 'error'],
      [10, '渠道', 'constraint-error', 'error'],
      [11, '豁免原因', 'exempt-without-reason', 'warning'],
      [12, '评价', 'constraint-error', 'error'],
    ],
  },
  {
    log: 'presence',
    rows: [
      ['客服', '離開時間', '返回時間', '已切換狀態', '頂替人'],
      ['张三', d('2024-05-06 11:40:00'), d('2024-05-06 11:50:00'), '是', '李四'],
      ['张三', d('2024-05-06 14:00:00'), d('2024-05-06 13:50:00'), '否', null],
      ['李四', '2024-05-06 15:00', '2024-05-06 15:02', 'maybe', null],
      ['李四', d('2024-05-06 16:00:00'), d('2024-05-06 16:05:00'), null, '外人'],
    ],
    valid: 2,
    issues: [
      [3, '返回時間', 'order-error', 'error'],
      [4, '已切換狀態', 'type-error', 'error'],
      [5, '頂替人', 'unknown-staff', 'warning'],
    ],
  },
  {
    log: 'reports',
    rows: [
      ['类型', '提交人', '所属日期', '提交时间', '准确'],
      ['日报', '张三', d('2024-05-06'), d('2024-05-07 09:30:00'), '是'],
      ['周报', '张三', '2024-05-10', null, null],
      ['月报', '张三', '2024-05-10', null, null],
      ['日报', null, '2024-05-10', null, null],
    ],
    valid: 2,
    issues: [
      [4, '类型', 'constraint-error', 'error'],
      [5, '提交人', 'required-value', 'error'],
    ],
  },
  {
    log: 'shipments',
    rows: [
      ['订单号', '付款时间', '发货时间', '货号', '数量', '负责人', '快递公司', '快递单号'],
      ['T1001', d('2024-05-06 10:00:00'), d('2024-05-07 10:00:00'), 'A1', 2, '张三', '顺丰', 'SF1'],
      ['T1001', d('2024-05-06 10:00:00'), null, 'A2', 1, '张三', null, null],
      ['T1001', d('2024-05-06 10:00:00'), d('2024-05-07 10:00:00'), 'A1', 1, '张三', '顺丰', 'SF1'],
      ['T1002', d('2024-05-06 10:00:00'), d('2024-05-05 10:00:00'), 'A1', 1, '张三', '顺丰', 'SF2'],
      ['T1003', d('2024-05-06 10:00:00'), d('2024-05-07 10:00:00'), 'ZZ', 1, '张三', '顺丰', 'SF3'],
      ['T1004', d('2024-05-06 10:00:00'), d('2024-05-07 10:00:00'), 'A1', 0, '张三', '顺丰', 'SF4'],
      ['T1005', d('2024-05-06 10:00:00'), d('2024-05-07 10:00:00'), 'A1', 1, '张三', '顺丰', null],
      ['T1006', d('2024-05-06 10:00:00'), null, 'A1', 1, '外包', null, null],
    ],
    valid: 4,
    issues: [
      [4, '货号', 'duplicate-row', 'error'],
      [5, '发货时间', 'order-error', 'error'],
      [6, '货号', 'unknown-sku', 'error'],
      [7, '数量', 'constraint-error', 'error'],
      [8, '快递单号', 'required-value', 'warning'],
      [9, '负责人', 'unknown-staff', 'warning'],
    ],
  },
  {
    log: 'returns',
    rows: [
      ['订单号', '类型', '货号', '数量', '申请时间', '登记时间', '客服', '入库时间', '商品状态', '退款金额'],
      ['T1', '退货', 'A1', 1, d('2024-05-06 10:00:00'), d('2024-05-06 11:00:00'), '张三', d('2024-05-09 10:00:00'), '破损', 25.5],
      ['T2', '退款', null, null, d('2024-05-06 10:00:00'), null, '张三', null, null, 10],
      ['T3', '换货', null, 1, d('2024-05-06 10:00:00'), null, '张三', null, null, null],
      ['T4', '退货', 'A1', 1, d('2024-05-06 10:00:00'), null, '张三', null, '脏了', null],
    ],
    valid: 2,
    issues: [
      [4, '货号', 'required-value', 'error'],
      [5, '商品状态', 'constraint-error', 'error'],
    ],
  },
  {
    log: 'inbound',
    rows: [
      ['入库时间', '入库单号', '货号', '数量', '单价'],
      [d('2024-05-06 10:00:00'), 'R1', 'A1', '1,200', 25.5],
      [d('2024-05-06 10:00:00'), 'R2', 'A1', 2.5, null],
      [d('2024-05-06 10:00:00'), 'R3', 'A1', 3, -1],
    ],
    valid: 1,
    issues: [
      [3, '数量', 'type-error', 'error'],
      [4, '单价', 'constraint-error', 'error'],
    ],
  },
  {
    log: 'stock_counts',
    rows: [
      ['盘点日期', '货号', '库位', '实盘数量', '系统库存'],
      ['2024-05-24', 'A1', '1-01', 20, 30],
      ['2024-05-24', 'A1', '1-02', 5, null],
      ['2024-05-24', 'A1', '1-02', 6, null],
      ['2024-05-24', 'A2', null, -3, null],
    ],
    valid: 2,
    issues: [
      [4, '货号', 'duplicate-row', 'error'],
      [5, '实盘数量', 'constraint-error', 'error'],
    ],
  },
  {
    log: 'skus',
    rows: [
      ...SKUS,
      ['A1', '重复', null, 1, null, null, 0, d('2024-04-20'), null],
      ['A3', '无成本', null, null, null, null, 0, d('2024-04-20'), null],
      ['A4', '五位小数', null, 1.23456, null, null, 0, d('2024-04-20'), '清仓'],
    ],
    valid: 2,
    issues: [
      [4, '货号', 'duplicate-row', 'error'],
      [5, '成本单价', 'required-value', 'error'],
      [6, '状态', 'constraint-error', 'error'],
    ],
  },
  {
    log: 'listings',
    rows: [
      ['类型', '产品', '编辑', '通知时间', '完成时间', '特价', '重要'],
      ['上线', 'A1', '赵编辑', '2024/5/7 9:30', '2024年5月7日 15:00', '否', null],
      ['更新', 'A2', '赵编辑', '2024/5/7 9:30', '2024/5/7 9:00', null, null],
      ['下线', 'A2', '赵编辑', '2024/5/7 9:30', null, null, null],
    ],
    valid: 1,
    issues: [
      [3, '完成时间', 'order-error', 'error'],
      [4, '类型', 'constraint-error', 'error'],
    ],
  },
  {
    log: 'meetings',
    rows: [
      ['会议时间', '会议', '姓名', '签到时间'],
      [d('2024-05-13 09:00:00'), '周会', '张三', d('2024-05-13 08:58:00')],
      [d('2024-05-13 09:00:00'), '周会', '李四', null],
      ['2024-05-13 9点', '周会', '李四', null],
    ],
    valid: 2,
    issues: [[4, '会议时间', 'type-error', 'error']],
  },
  {
    log: 'incidents',
    rows: [
      ['日期', '姓名', '条款', '次数', '扣分', '说明'],
      [d('2024-05-08'), '赵编辑', 'ED-5', 1, 3, '未按时完成主图'],
      [d('2024-05-08'), '赵编辑', 'ED-5', 1, 6, '超出范围'],
      [d('2024-05-08'), '赵编辑', 'ED-5', 1, null, '没填扣分'],
      [d('2024-05-08'), '张三', 'CS-REPLY-1', 2, 1, '分值与条款不同'],
      [d('2024-05-08'), '张三', 'XX-1', 1, 1, '没有这条'],
      [d('2024-05-08'), '张三', 'CS-REPLY-1', 1, null, null],
    ],
    valid: 2,
    issues: [
      [3, '扣分', 'constraint-error', 'error'],
      [4, '扣分', 'required-value', 'error'],
      [5, '扣分', 'constraint-error', 'warning'],
      [6, '条款', 'unknown-rule', 'error'],
      [7, '说明', 'required-value', 'error'],
    ],
  },
];

const INCIDENT_RULES = new Map([
  ['CS-REPLY-1', { points: 0.5, enabled: true, manual: true }],
  ['ED-5', { points: [2, 4] as [number, number], enabled: true, manual: true }],
]);

describe.each(CASES)('$log', ({ log, rows, valid, issues }) => {
  it('keeps the valid rows and reports exactly the planted issues', async () => {
    const dir = await tempDir();
    const sheets: Record<string, Row[]> = { 人员: STAFF, 商品: SKUS };
    sheets[log === 'staff' ? '人员' : log === 'skus' ? '商品' : '数据'] = rows;
    await writeXlsx(join(dir, 'data.xlsx'), sheets);
    const data = await loadData(dir, { incidentRules: INCIDENT_RULES });
    const sheet = log === 'staff' ? '人员' : log === 'skus' ? '商品' : '数据';
    expect(data.tables.find((t) => t.sheet === sheet)).toMatchObject({ log, rows: rows.length - 1, excluded: issues.filter((i) => i[3] === 'error').length });
    expect(data.issues.filter((i) => i.sheet === sheet).map((i) => [i.row, i.column, i.code, i.severity])).toEqual(issues);
    expect(data.records[log]).toHaveLength(valid);
    for (const i of data.issues) {
      expect(i.message.zh).toBeTruthy();
      expect(i.message.en).toBeTruthy();
    }
  });
});

it('an exemption without a reason does not apply', async () => {
  const dir = await tempDir();
  await writeXlsx(join(dir, 'p.xlsx'), {
    S: [['客服', '离开时间', '返回时间', '豁免', '豁免原因'], ['张三', d('2024-05-06 12:00:00'), d('2024-05-06 12:10:00'), '是', null]],
  });
  const data = await loadData(dir);
  expect(data.records.presence[0].exempt).toBe(false);
});

it('two shipment lines that differ only in their tracking number are a duplicate order line (an error), not a repeated row', async () => {
  const dir = await tempDir();
  const line = (tracking: string) => ['T1', d('2024-05-06 10:00:00'), d('2024-05-07 10:00:00'), 'A1', 1, '张三', '顺丰', tracking];
  await writeXlsx(join(dir, 's.xlsx'), { S: [['订单号', '流程完成时间', '发货时间', '货号', '数量', '负责人', '快递公司', '快递单号'], line('SF1'), line('SF2')] });
  const data = await loadData(dir);
  expect(data.issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([[3, '货号', 'duplicate-row', 'error']]);
  expect(data.records.shipments).toHaveLength(1);
});

describe('rows that are the same row (crosscheck.ts)', () => {
  const SHIPMENT_HEAD = ['订单号', '流程完成时间', '发货时间', '货号', '数量', '负责人', '快递公司', '快递单号'];
  const line = (order: string, sku: string) => [order, d('2024-05-06 10:00:00'), d('2024-05-07 10:00:00'), sku, 1, '张三', '顺丰', `SF-${order}`];
  const facts = (data: Awaited<ReturnType<typeof loadData>>) => data.issues.map((i) => [i.file, i.row ?? null, i.code, i.severity, i.value]);

  it('a shipments table saved twice counts once; a table repeating some rows of another has each repeat left out', async () => {
    const dir = await tempDir();
    await writeXlsx(join(dir, 'a.xlsx'), { S: [SHIPMENT_HEAD, line('T1', 'A1'), line('T2', 'B1')] });
    await writeXlsx(join(dir, 'b.xlsx'), { S: [SHIPMENT_HEAD, line('T1', 'A1'), line('T2', 'B1')] });
    await writeXlsx(join(dir, 'c.xlsx'), { S: [SHIPMENT_HEAD, line('T2', 'B1'), line('T3', 'C1')] });
    const data = await loadData(dir);
    expect(facts(data)).toEqual([
      ['b.xlsx', null, 'duplicate-table', 'warning', 'a.xlsx / S'],
      ['c.xlsx', 2, 'duplicate-row', 'warning', 'a.xlsx / S / 3'],
    ]);
    expect(data.records.shipments.map((r) => `${r.source.file}:${r.source.row}`)).toEqual(['a.xlsx:2', 'a.xlsx:3', 'c.xlsx:3']);
  });

  it('stock counts are one count per SKU, date and location, a blank location being one location', async () => {
    const dir = await tempDir();
    await writeXlsx(join(dir, 'c.xlsx'), {
      C: [
        ['盘点日期', '货号', '库位', '实盘数量'],
        [d('2024-05-24'), 'A1', null, 5],
        [d('2024-05-24'), 'A1', null, 6], // the same SKU, date and (blank) location: a second count
        [d('2024-05-24'), 'A1', 'B-01', 6],
        [d('2024-05-25'), 'A1', null, 6],
        [d('2024-05-24'), 'A2', null, 6],
      ],
    });
    const data = await loadData(dir);
    expect(facts(data)).toEqual([['c.xlsx', 3, 'duplicate-row', 'error', 'A1']]);
    expect(data.records.stock_counts.map((r) => r.source.row)).toEqual([2, 4, 5, 6]);
  });
});
