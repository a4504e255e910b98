import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
import { d, headerRowOf, tempDir, writeCsv, writeXlsx } from '../helpers/sheets.js';

async function hashes(dir: string) {
  const out: Record<string, string> = {};
  for (const f of await readdir(dir)) out[f] = createHash('sha256').update(await readFile(join(dir, f))).digest('hex');
  return out;
}

async function messyFolder() {
  const dir = await tempDir();
  await writeXlsx(join(dir, '人员.xlsx'), { 名单: [['姓名', '岗位'], ['张三', '客服'], ['李四', '客服']] });
  await writeXlsx(join(dir, '咨询.xlsx'), {
    五月: [
      ['2024年5月咨询记录'],
      ['咨询时间', '客服', '渠道', '首次响应秒数'],
      [d('2024-05-06 09:00:00'), '张三', '旺旺', 10],
      ['2024-13-01 10:00', '李四', '旺旺', 10],
      [d('2024-05-06 09:02:00'), '王五', '旺旺', 10],
    ],
  });
  await writeCsv(join(dir, '离岗.csv'), [['客服', '离开时间', '返回时间'], ['张三', '2024/5/6 12:00', '2024/5/6 11:00']], 'gbk');
  return dir;
}

describe('ecops validate', () => {
  it('prints JSON per docs/outputs.md#json and exits 1 on errors, leaving inputs untouched', async () => {
    const dir = await messyFolder();
    const before = await hashes(dir);
    const r = ecops(['validate', '--data', dir, '--json']);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.tables).toEqual([
      { file: '人员.xlsx', sheet: '名单', log: 'staff', rows: 2 },
      { file: '咨询.xlsx', sheet: '五月', log: 'consultations', rows: 3 },
      { file: '离岗.csv', sheet: '离岗', log: 'presence', rows: 1 },
    ]);
    expect(json.issues.map((i: Record<string, unknown>) => [i.file, i.sheet, i.row, i.column, i.code, i.severity])).toEqual([
      ['咨询.xlsx', '五月', 4, '咨询时间', 'type-error', 'error'],
      ['咨询.xlsx', '五月', 5, '客服', 'unknown-staff', 'error'],
      ['离岗.csv', '离岗', 2, '返回时间', 'order-error', 'error'],
    ]); // files in code-unit order: 咨 U+54A8 < 离 U+79BB
    expect(json.issues[0]).toMatchObject({ value: '2024-13-01 10:00', message: expect.stringContaining('不是有效的日期时间') });
    expect(r.stderr).toBe('');
    expect(await hashes(dir)).toEqual(before);
  });

  it('speaks English with --lang en or an English LANG', async () => {
    const dir = await messyFolder();
    const r1 = ecops(['validate', '--data', dir, '--json', '--lang', 'en']);
    const r2 = ecops(['validate', '--data', dir, '--json'], { LANG: 'en_US.UTF-8' });
    expect(JSON.parse(r1.stdout).issues[0].message).toContain('is not a valid date/time');
    expect(r2.stdout).toBe(r1.stdout);
  });

  it('prints a summary table and exits 0 on clean data', async () => {
    const dir = await tempDir();
    await writeXlsx(join(dir, '人员.xlsx'), { 名单: [['姓名', '岗位'], ['张三', '客服']] });
    const r = ecops(['validate', '--data', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('人员名单');
    expect(r.stdout).toContain('1 张表，0 个错误，0 个警告，排除 0 行');
  });

  it('exits 2 with one clear message for a file it cannot read, and still reports the rest', async () => {
    const dir = await messyFolder();
    await writeCsv(join(dir, 'old.xls'), [['not really']]);
    const r = ecops(['validate', '--data', dir, '--json']);
    expect(r.status).toBe(2);
    const fileError = JSON.parse(r.stdout).issues.find((i: { code: string }) => i.code === 'file-error');
    expect(fileError).toMatchObject({ file: 'old.xls', message: expect.stringContaining('.xlsx') });
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('exits 2 for a missing data folder and for bad usage, without a stack trace', () => {
    const missing = ecops(['validate', '--data', '/nonexistent/folder']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/folder');
    expect(missing.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(ecops(['validate', '--bogus']).status).toBe(2);
    expect(ecops(['validate', '--encoding', 'klingon', '--data', '.']).status).toBe(2);
  });

  it('writes annotated copies with marked cells, comments and a 校验结果 column', async () => {
    const dir = await messyFolder();
    const out = await tempDir();
    const before = await hashes(dir);
    const r = ecops(['validate', '--data', dir, '--annotate', out]);
    expect(r.status).toBe(1);
    expect((await readdir(out)).sort()).toEqual(['咨询.xlsx', '离岗.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '咨询.xlsx'));
    const ws = wb.getWorksheet('五月')!;
    expect(ws.getCell('A1').value).toBe('2024年5月咨询记录');
    expect(ws.getCell('E2').value).toBe('校验结果');
    expect(ws.getCell('A4').value).toBe('2024-13-01 10:00');
    expect(ws.getCell('A4').note).toContain('不是有效的日期时间');
    expect((ws.getCell('A4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(ws.getCell('E4').value)).toContain('咨询时间');
    expect(ws.getCell('E3').value).toBeNull();
    expect(ws.getCell('B5').note).toContain('王五');
    // Words, not only colours; the header frozen and filtered; the original's date format and width kept.
    expect(String(ws.getCell('E4').value)).toMatch(/^错误：/);
    expect(ws.getCell('A4').note).toMatch(/^错误：/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe('A2:E5');
    expect(ws.getCell('A3').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    // The first sheet lists every problem with a link to its cell.
    expect(wb.worksheets[0].name).toBe('问题清单');
    const list = wb.worksheets[0];
    expect(list.getRow(1).values).toEqual([undefined, '级别', '位置', '工作表', '列', '值', '说明']);
    const links = list.getColumn(2).values.slice(2) as { text: string; hyperlink: string }[];
    expect(links).toEqual(expect.arrayContaining([{ text: '五月!A4', hyperlink: "#'五月'!A4" }, { text: '五月!B5', hyperlink: "#'五月'!B5" }]));
    expect(list.getColumn(1).values.slice(2)).toEqual(expect.arrayContaining(['错误']));
    // A CSV comes back with its dates typed, not as text.
    const csv = new ExcelJS.Workbook();
    await csv.xlsx.readFile(join(out, '离岗.xlsx'));
    const sheet = csv.worksheets.find((w) => w.name !== '问题清单')!;
    expect(sheet.getCell('B2').value).toBeInstanceOf(Date);
    expect(await hashes(dir)).toEqual(before);
  });

  it('refuses to annotate over an input file', async () => {
    const dir = await messyFolder();
    const r = ecops(['validate', '--data', dir, '--annotate', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('覆盖输入文件');
  });
});

describe('ecops template', () => {
  it('writes blank workbooks that validate reads back as empty, valid logs', async () => {
    const out = await tempDir();
    expect(ecops(['template', '--out', out]).status).toBe(0);
    expect((await readdir(out)).length).toBe(12);
    const r = ecops(['validate', '--data', out, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.tables.map((t: { log: string }) => t.log).sort()).toEqual(
      ['consultations', 'inbound', 'incidents', 'listings', 'meetings', 'presence', 'reports', 'returns', 'shipments', 'skus', 'staff', 'stock_counts'],
    );
    expect(json.tables.every((t: { rows: number }) => t.rows === 0)).toBe(true);
    expect(json.issues.filter((i: { severity: string }) => i.severity !== 'info')).toEqual([]);
  });

  it('has dropdowns for enums and bools, date formats and a 说明 sheet', async () => {
    const out = await tempDir();
    ecops(['template', 'consultations', '--out', out]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '咨询记录.xlsx'));
    const ws = wb.getWorksheet('咨询记录')!;
    expect(ws.getRow(1).values).toContain('咨询时间');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"旺旺,电话,留言"'] });
    expect(ws.getColumn(1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(ws.getColumn(4).numFmt).toBe('@'); // 客户: an identifier, kept as text
    expect(ws.getCell('A2').dataValidation).toMatchObject({ type: 'date', showInputMessage: true, prompt: expect.stringContaining('日期时间') });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    // Required columns are marked: a red header with a note.
    expect(ws.getCell('A1').font.color).toMatchObject({ argb: 'FFC00000' });
    expect(String(ws.getCell('A1').note)).toContain('必填');
    const doc = wb.getWorksheet('说明')!;
    const h = headerRowOf(doc);
    expect(doc.getCell(`A${h + 1}`).value).toBe('咨询时间');
    expect(String(doc.getCell(`E${h + 1}`).value)).toContain('接入时间');
  });

  it('--data: dropdowns of the staff and SKUs found there, a clause dropdown, whole numbers checked, the 盘点表 pre-filled', async () => {
    const out = await tempDir();
    expect(ecops(['template', 'stock_counts', 'incidents', 'shipments', '--data', 'fixtures/sample', '--out', out]).status).toBe(0);
    const open = async (name: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out, `${name}.xlsx`));
      return wb;
    };
    const counts = await open('盘点表');
    const ws = counts.getWorksheet('盘点表')!;
    const lists = counts.getWorksheet('下拉选项')!;
    expect(lists.state).toBe('hidden');
    const column = (title: string) => {
      const c = (lists.getRow(1).values as string[]).indexOf(title);
      const values: string[] = [];
      lists.eachRow((row, n) => n > 1 && row.getCell(c).value && values.push(String(row.getCell(c).value)));
      return values;
    };
    expect(column('人员')).toContain('张婷');
    expect(column('货号')).toContain('YF-T001');
    expect((ws.getRow(2).values as unknown[]).slice(1, 3)).toEqual([undefined, 'YF-T001']);
    expect(ws.rowCount).toBe(1 + column('货号').length);
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'下拉选项'!\$B\$2:\$B\$\d+$/)] });
    expect(ws.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'下拉选项'!\$A\$2:/)] });
    expect(ws.getCell('D2').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    const incidents = (await open('奖惩登记')).getWorksheet('奖惩登记')!;
    expect(incidents.getCell('C2').dataValidation).toMatchObject({ type: 'list' });
    const shipments = (await open('发货记录')).getWorksheet('发货记录')!;
    for (const header of ['订单号', '货号', '快递单号']) {
      const c = (shipments.getRow(1).values as string[]).indexOf(header);
      expect(shipments.getColumn(c).numFmt, header).toBe('@');
    }
  });

  it('rejects an unknown log with exit 2', () => {
    expect(ecops(['template', 'nonsense', '--out', '/tmp']).status).toBe(2);
  });
});
