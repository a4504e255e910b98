/** `ecops score` on the sample month through the built CLI, against expectations computed by hand. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
import { tempDir, headerRowOf } from '../helpers/sheets.js';

const SAMPLE = ['--data', 'fixtures/sample'];

describe('ecops score --month 2024-05 on the sample', () => {
  let json: any;
  beforeAll(() => {
    const r = ecops(['score', '--month', '2024-05', ...SAMPLE, '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    json = JSON.parse(r.stdout);
  });

  it('has the JSON shape of SPEC §5.1', () => {
    expect(json).toMatchObject({ month: '2024-05', asOf: '2024-05-31T23:59:59', baseScore: 100, passMark: 60 });
    expect(Object.keys(json.staff[0])).toEqual(['name', 'role', 'deducted', 'score', 'passed', 'violations']);
    expect(Object.keys(json.violations[0])).toEqual(expect.arrayContaining(['rule', 'staff', 'points', 'date', 'exempt', 'reason', 'source']));
    expect(json.issues.length).toBe(11);
  });

  it('scores 刘芳 (客服主管) as computed by hand', () => {
    expect(json.staff.find((s: { name: string }) => s.name === '刘芳')).toEqual({
      name: '刘芳', role: '客服主管', deducted: 8.5, score: 91.5, passed: true, violations: 6,
    });
    const hers = json.violations.filter((v: { staff: string }) => v.staff === '刘芳');
    expect(hers.map((v: any) => [v.date, v.rule, v.points, v.exempt, v.source.sheet, v.source.row])).toEqual([
      ['2024-05-07T11:40:00', 'CS-ONLINE-2', 2, false, '離崗記錄', 81],
      ['2024-05-13T15:02:10', 'CS-ONLINE-2', 2, false, '離崗記錄', 117],
      ['2024-05-20T11:45:00', 'CS-ONLINE-2', 0, true, '離崗記錄', 156],
      ['2024-05-21T16:00:00', 'CS-ONLINE-2', 2, false, '離崗記錄', 166],
      ['2024-05-22T16:40:00', 'CS-ONLINE-2', 2, false, '離崗記錄', 175],
      ['2024-05-31T16:00:00', 'CS-MEET-1', 0.5, false, '签到表', 70],
    ]);
  });

  it('scores 张婷 with CS-FOLLOW-1 escalation from the 3rd, exempt ones out of the sequence', () => {
    expect(json.staff.find((s: { name: string }) => s.name === '张婷')).toMatchObject({ deducted: 17.5, score: 82.5, violations: 18 });
    const follow = json.violations.filter((v: any) => v.staff === '张婷' && v.rule === 'CS-FOLLOW-1');
    expect(follow.map((v: any) => [v.date, v.points, v.exempt])).toEqual([
      ['2024-05-07T23:59:59', 0.5, false],
      ['2024-05-08T23:59:59', 0, true],
      ['2024-05-10T23:59:59', 0.5, false],
      ['2024-05-13T23:59:59', 1, false],
      ['2024-05-22T23:59:59', 1, false],
    ]);
  });

  it('scores 周晓峰 (在线编辑), whose listing dates were typed as text', () => {
    expect(json.staff.find((s: { name: string }) => s.name === '周晓峰')).toMatchObject({ deducted: 26, score: 74, passed: true, violations: 8 });
  });

  it('names the values that broke the rule in every reason, and every automatic rule fires', () => {
    const rules = new Set(json.violations.map((v: { rule: string }) => v.rule));
    for (const code of ['CS-ONLINE-1', 'CS-ONLINE-2', 'CS-ONLINE-3', 'CS-ONLINE-4', 'CS-REPLY-3', 'CS-REPLY-4', 'CS-REPLY-5', 'CS-DATA-1', 'CS-DATA-2', 'CS-FOLLOW-1', 'CS-AFTER-1', 'CS-AFTER-2', 'CS-AFTER-3', 'CS-MEET-1', 'ED-1', 'ED-2']) {
      expect(rules, code).toContain(code);
    }
    const reply = json.violations.find((v: { rule: string }) => v.rule === 'CS-REPLY-3');
    expect(reply.reason).toMatch(/\d+ 秒 > 45 秒/);
  });

  it('--as-of leaves out later violations and lists open items as pending', () => {
    const r = ecops(['score', '--month', '2024-05', ...SAMPLE, '--json', '--as-of', '2024-05-15 12:00']);
    const early = JSON.parse(r.stdout);
    expect(early.asOf).toBe('2024-05-15T12:00:00');
    expect(early.violations.every((v: { date: string }) => v.date <= '2024-05-15T12:00:00')).toBe(true);
    expect(early.violations.length).toBeLessThan(json.violations.length);
    expect(early.pending.length).toBeGreaterThan(0);
  });
});

describe('the score workbook', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const out = await tempDir();
    const r = ecops(['score', '--month', '2024-05', ...SAMPLE, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('刘芳');
    expect(r.stdout).toContain(join(out, 'score-2024-05.xlsx'));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'score-2024-05.xlsx'));
  });

  it('has the sheets of SPEC §5, finished', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '扣分明细', '规则统计', '服务指标', '未发货订单', '待定', '校验问题']);
    for (const ws of wb.worksheets) {
      const header = headerRowOf(ws);
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen' });
      expect(ws.getCell('A1').value, ws.name).toBe(`电商部 ${ws.name}`);
      expect(ws.autoFilter, ws.name).toBeTruthy();
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, printTitlesRow: `${header}:${header}` });
      expect(ws.getRow(header).getCell(1).font, ws.name).toMatchObject({ bold: true, name: '等线' });
    }
  });

  it('traces every deduction to its clause and source row, with a live total', () => {
    const ws = wb.getWorksheet('扣分明细')!;
    const h = headerRowOf(ws);
    expect((ws.getRow(h).values as string[]).slice(1)).toEqual(['日期', '条款编号', '条款', '姓名', '扣分', '加倍', '豁免', '豁免原因', '原因', '来源文件', '工作表', '行']);
    expect(ws.rowCount).toBe(h + 79 + 1);
    expect(String(ws.getCell(`C${h + 1}`).value).length).toBeGreaterThan(8);
    expect(ws.getCell(`A${h + 1}`).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(ws.getCell(`E${h + 1}`).numFmt).toBe('0.0');
    const total = ws.getCell(`E${ws.rowCount}`).value as ExcelJS.CellFormulaValue;
    expect(total.formula).toBe(`SUBTOTAL(109,E${h + 1}:E${ws.rowCount - 1})`);
    expect(total.result).toBe(117.5); // 5+8.5+17.5+20+18.5+7.5+9+26+2+3.5: the table "Everyone" of fixtures/expected-breaches.md
  });

  it('highlights failing scores with conditional formatting and ranks people', () => {
    const ws = wb.getWorksheet('汇总')!;
    // exceljs reads conditional formatting back but does not declare it in its types.
    const formats = (ws as unknown as { conditionalFormattings: { ref: string; rules: object[] }[] }).conditionalFormattings;
    const h = headerRowOf(ws);
    expect(formats[0]).toMatchObject({ ref: expect.stringMatching(new RegExp(`^D${h + 1}:D\\d+$`)) });
    expect(formats[0].rules[0]).toMatchObject({ type: 'cellIs', operator: 'lessThan', formulae: ['60'] }); // read back as formula text
    const headers = (ws.getRow(h).values as string[]).slice(1);
    const rank = headers.indexOf('排名') + 1;
    const name = headers.indexOf('姓名') + 1;
    const ranks: Record<string, number> = {};
    ws.eachRow((row, n) => n > h && (ranks[String(row.getCell(name).value)] = Number(row.getCell(rank).value)));
    expect(ranks['马强']).toBe(1);
    expect(ranks['何军']).toBe(1);
    expect(ranks['周晓峰']).toBe(12);
  });
});

it('exits 2 for a bad month, a bad --as-of, a bad regulation or calendar file', async () => {
  const dir = await tempDir();
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(dir, 'bad.yaml'), 'base_score: 100\nbogus: 1\n');
  await writeFile(join(dir, 'cal.yaml'), 'holidays: [2024-02-31]\n');
  expect(ecops(['score', '--month', '2024-13', ...SAMPLE]).status).toBe(2);
  expect(ecops(['score', '--month', '2024-05', '--as-of', 'yesterday', ...SAMPLE]).status).toBe(2);
  const bad = ecops(['score', '--month', '2024-05', '--rules', join(dir, 'bad.yaml'), ...SAMPLE]);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/bad\.yaml.*2|第 ?2 ?行/);
  expect(ecops(['score', '--month', '2024-05', '--calendar', join(dir, 'cal.yaml'), ...SAMPLE]).status).toBe(2);
});
