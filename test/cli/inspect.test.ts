import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
import { d, tempDir, writeCsv, writeXlsx } from '../helpers/sheets.js';

/** A month's consultations as a supervisor in Taiwan sends them: a title row, Traditional headers, an extra column. */
async function consultations(dir: string) {
  const path = join(dir, '諮詢記錄.xlsx');
  await writeXlsx(path, {
    五月: [
      ['2024年5月諮詢記錄'],
      ['諮詢時間', '客服', '渠道', '首次響應秒數', '備忘'],
      [d('2024-05-06 09:00:00'), '张三', '旺旺', 12, '老客户'],
      [],
      [d('2024-05-06 09:05:30'), '李四', '電話', null, null],
    ],
    // What people keep beside a log: not one.
    说明: [['填表说明'], ['每天下班前填写']],
    发货: [['订单号', '数量', '负责人'], ['SO1', 2, '王五']],
  });
  return path;
}

const run = (args: string[]) => {
  const r = ecops(['inspect', ...args]);
  return { ...r, json: r.status === 0 && args.includes('--json') && !args.includes('--cells') ? JSON.parse(r.stdout) : undefined };
};

describe('ecops inspect', () => {
  it('shows the header row found under a title row, the log, each column read as, and the first rows', async () => {
    const path = await consultations(await tempDir());
    const r = run([path, '--json']);
    expect(r.status).toBe(0);
    expect(r.json.file).toBe('諮詢記錄.xlsx');
    expect(r.json.tables.map((t: { sheet: string }) => t.sheet)).toEqual(['五月', '说明', '发货']);
    const [may, notes, shipments] = r.json.tables;
    expect(may).toEqual({
      sheet: '五月',
      headerRow: 2,
      log: 'consultations',
      nearest: null,
      ambiguous: [],
      columns: [
        { col: 1, letter: 'A', header: '諮詢時間', key: 'received_at' },
        { col: 2, letter: 'B', header: '客服', key: 'staff' },
        { col: 3, letter: 'C', header: '渠道', key: 'channel' },
        { col: 4, letter: 'D', header: '首次響應秒數', key: 'first_reply_seconds' },
        { col: 5, letter: 'E', header: '備忘', key: null },
      ],
      rows: [
        { row: 3, cells: [{ date: '2024-05-06T09:00:00' }, '张三', '旺旺', 12, '老客户'] },
        { row: 5, cells: [{ date: '2024-05-06T09:05:30' }, '李四', '電話'] },
      ],
    });
    // Nothing like a log: no header, the rows from the top.
    expect(notes).toMatchObject({ headerRow: null, log: null, nearest: null, columns: [], rows: [{ row: 1, cells: ['填表说明'] }, { row: 2, cells: ['每天下班前填写'] }] });
    // Most of the shipments' required columns: the nearest log and what it lacks.
    expect(shipments).toMatchObject({
      headerRow: 1,
      log: null,
      nearest: { log: 'shipments', missing: ['流程完成时间', '货号'] },
      columns: [
        { letter: 'A', header: '订单号', key: 'order_id' },
        { letter: 'B', header: '数量', key: 'qty' },
        { letter: 'C', header: '负责人', key: 'staff' },
      ],
    });
  });

  it('prints the same as console tables, in the output language', async () => {
    const path = await consultations(await tempDir());
    const zh = run([path]);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('表头：第 2 行');
    expect(zh.stdout).toContain('记录类型：咨询记录 (consultations)');
    expect(zh.stdout).toMatch(/首次響應秒數 +│ 首次响应秒数 \(first_reply_seconds\)/);
    expect(zh.stdout).toMatch(/備忘 +│ （忽略）/);
    expect(zh.stdout).toContain('未识别：最接近发货记录 (shipments)，缺少必需列：流程完成时间、货号');
    expect(zh.stdout).toContain('2024-05-06 09:05:30');
    const en = run([path, '--lang', 'en']);
    expect(en.stdout).toContain('log: Consultations (consultations)');
    expect(en.stdout).toContain('not recognised: nearest is Shipments (shipments), missing required columns: 流程完成时间, 货号');
    expect(en.stdout).toMatch(/備忘 +│ \(ignored\)/);
  });

  it('reads a GBK CSV as Excel in a Chinese locale writes it; --encoding overrides the detection', async () => {
    const dir = await tempDir();
    const path = join(dir, '离岗.csv');
    await writeCsv(path, [['客服', '离开时间', '返回时间', '已切换状态'], ['张三', '2024/5/6 12:00', '2024/5/6 12:30', '是']], 'gbk');
    const r = run([path, '--json']);
    expect(r.json.tables).toEqual([
      {
        sheet: '离岗',
        headerRow: 1,
        log: 'presence',
        nearest: null,
        ambiguous: [],
        columns: [
          { col: 1, letter: 'A', header: '客服', key: 'staff' },
          { col: 2, letter: 'B', header: '离开时间', key: 'left_at' },
          { col: 3, letter: 'C', header: '返回时间', key: 'back_at' },
          { col: 4, letter: 'D', header: '已切换状态', key: 'status_switched' },
        ],
        rows: [{ row: 2, cells: ['张三', '2024/5/6 12:00', '2024/5/6 12:30', '是'] }],
      },
    ]);
    // Read as Big5, the same bytes are no header at all: what a user sees when the encoding is wrong.
    const wrong = run([path, '--json', '--encoding', 'big5']);
    expect(wrong.json.tables[0]).toMatchObject({ log: null, headerRow: null });
    expect(run([path, '--encoding', 'no-such']).status).toBe(2);
  });

  it('--cells --json prints every non-empty cell as one JSON line: strings, numbers, booleans, dates, errors', async () => {
    const dir = await tempDir();
    const path = join(dir, 'cells.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('值');
    ws.getCell('A1').value = '订单号';
    ws.getCell('C1').value = 3.5;
    ws.getCell('A2').value = true;
    ws.getCell('B2').value = d('2024-05-03 14:22:05');
    ws.getCell('B2').numFmt = 'yyyy"年"m"月"d"日" hh:mm:ss';
    ws.getCell('C2').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('D2').value = { formula: 'C1*2', result: 7 };
    ws.getCell('E2').value = '';
    wb.addWorksheet('空');
    await wb.xlsx.writeFile(path);
    const r = ecops(['inspect', path, '--cells', '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { sheet: '值', row: 1, col: 1, value: '订单号' },
      { sheet: '值', row: 1, col: 3, value: 3.5 },
      { sheet: '值', row: 2, col: 1, value: true },
      { sheet: '值', row: 2, col: 2, value: { date: '2024-05-03T14:22:05' } },
      { sheet: '值', row: 2, col: 3, value: { error: '#N/A' } },
      { sheet: '值', row: 2, col: 4, value: 7 },
    ]);
    const text = ecops(['inspect', path, '--cells']);
    expect(text.stdout.split('\n').slice(0, 4)).toEqual(['值!A1\t订单号', '值!C1\t3.5', '值!A2\ttrue', '值!B2\t2024-05-03 14:22:05']);
  });

  it('a missing file, a folder, or a file that is no workbook: exit 2 with one line', async () => {
    const dir = await tempDir();
    const fake = join(dir, '发货.xlsx');
    await writeFile(fake, '订单号,数量\nSO1,2\n');
    for (const [args, says] of [
      [[join(dir, 'nope.xlsx')], '找不到文件'],
      [[dir], '是一个文件夹，不是文件'],
      [[fake, '--json'], '另存为 .xlsx'],
    ] as const) {
      const r = ecops(['inspect', ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(says);
    }
    expect(ecops(['inspect', join(dir, 'nope.xlsx'), '--lang', 'en']).stderr).toContain('file not found');
  });
});
