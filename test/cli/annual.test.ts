/**
 * `ecops annual` on a generated year (fixtures/year.ts) through the built CLI, against the twelve monthly
 * `score` runs on the same logs.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateYear, monthsOption } from '../../fixtures/year.js';
import { ecops } from '../helpers/cli.js';
import { headerRowOf, tempDir } from '../helpers/sheets.js';
import { readZipEntries } from '../helpers/zip.js';

const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);

interface MonthJson {
  month: string;
  staff: { name: string; role: string; score: number; deducted: number; passed: boolean }[];
  kpis: { staff: string; [count: string]: number | string | null }[];
}

function annual(args: string[], env: Record<string, string> = {}) {
  const r = ecops(['annual', '--year', '2024', ...args, '--json'], env);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

/** The year's logs of the given months only (`fixtures/year.ts --months`; the staff list too). */
const monthsOnly = async (months: string) => generateYear(await tempDir('ecops-year-part-'), 2024, monthsOption(months));

describe('ecops annual --year 2024 on a generated year', () => {
  let dir: string;
  let year: any;
  const monthly = new Map<string, MonthJson>();
  beforeAll(async () => {
    dir = await generateYear(await tempDir('ecops-year-'));
    year = annual(['--data', dir, '--out', join(dir, 'no-history')]);
    for (const m of MONTHS) {
      const r = ecops(['score', '--month', m, '--data', dir, '--json', '--history', join(dir, 'none')]);
      expect(r.status).toBe(0);
      monthly.set(m, JSON.parse(r.stdout));
    }
  }, 240_000);

  it('takes every month from the logs, and each month agrees with that month\'s score run', () => {
    expect(year.sources).toEqual(Object.fromEntries(MONTHS.map((m) => [m, 'data'])));
    for (const person of year.staff) {
      const own = MONTHS.flatMap((m) => monthly.get(m)!.staff.filter((s) => s.name === person.name).map((s) => [m, s.score] as const));
      expect(person.months, person.name).toEqual(Object.fromEntries(own));
      expect(person.assessed).toBe(own.length);
      // The mean to the cent, half-up: in cents, so 0.005 never drifts.
      const cents = own.reduce((n, [, s]) => n + Math.round(s * 100), 0);
      expect(person.annualScore, person.name).toBe(Math.floor((2 * cents + own.length) / (2 * own.length)) / 100);
      expect(person.failedMonths).toEqual(MONTHS.filter((m) => monthly.get(m)!.staff.some((s) => s.name === person.name && !s.passed)));
    }
    expect(year.staff.map((s: { name: string }) => s.name)).toEqual(['刘芳', '张婷', '李娜', '陈静', '赵敏', '孙悦', '周晓峰', '何军']);
    expect(Object.keys(year.staff[0])).toEqual(['name', 'role', 'months', 'assessed', 'annualScore', 'failedMonths', 'grade', 'bonus', 'bestStreak']);
  });

  it('sums the months\' KPI counts into the year\'s, and computes the rates again', () => {
    for (const k of year.kpis) {
      for (const key of ['consultations', 'goodReviews', 'badReviews', 'chats', 'replySeconds', 'messages', 'messagesOnTime', 'needHandling', 'handled', 'orders', 'ordersOnTime']) {
        const sum = MONTHS.reduce((n, m) => n + Number(monthly.get(m)!.kpis.find((x) => x.staff === k.staff)?.[key] ?? 0), 0);
        expect(k[key], `${k.staff} ${key}`).toBe(sum);
      }
      expect(k.resolutionRate).toBe(Math.round((k.handled / k.needHandling) * 10_000) / 10_000);
    }
    expect(year.teamKpi.consultations).toBe(year.kpis.reduce((n: number, k: any) => n + k.consultations, 0));
  });

  it('assesses people only in the months they worked: 李娜 from March, 陈静 to August', () => {
    const li = year.staff.find((s: { name: string }) => s.name === '李娜');
    const chen = year.staff.find((s: { name: string }) => s.name === '陈静');
    expect(Object.keys(li.months)).toEqual(MONTHS.slice(2));
    expect(Object.keys(chen.months)).toEqual(MONTHS.slice(0, 8));
  });

  it('grades, bonus, runs and the 服务之星 as checked by hand', () => {
    const by = (name: string) => year.staff.find((s: { name: string }) => s.name === name);
    // 陈静 failed July (four data leaks, 40 points, on top of her slips): 合格 at best, never the star.
    expect(by('陈静')).toMatchObject({ failedMonths: ['2024-07'], assessed: 8 });
    expect(monthly.get('2024-07')!.staff.find((s) => s.name === '陈静')!.score).toBeLessThan(60);
    // 何军 is never charged: 100 every month.
    expect(by('何军')).toMatchObject({ annualScore: 100, grade: '优秀', bonus: 1.2, bestStreak: 12, assessed: 12 });
    for (const s of year.staff) {
      const expected = s.annualScore >= 90 ? ['优秀', 1.2] : s.annualScore >= 80 ? ['良好', 1] : s.annualScore >= 60 ? ['合格', 0.8] : ['不合格', 0];
      expect([s.grade, s.bonus], s.name).toEqual(expected);
      // Longest run of consecutive assessed months ≥ 90.
      let run = 0;
      let best = 0;
      for (const v of Object.values(s.months) as number[]) best = Math.max(best, (run = v >= 90 ? run + 1 : 0));
      expect(s.bestStreak, s.name).toBe(best);
    }
    // The star: the 客服 with no failed month and the highest annual score (no tie in this year).
    const eligible = year.staff.filter((s: any) => s.role === '客服' && s.failedMonths.length === 0).sort((a: any, b: any) => b.annualScore - a.annualScore);
    expect(eligible[0].annualScore).toBeGreaterThan(eligible[1].annualScore);
    expect(year.stars).toEqual([{ title: '服务之星', name: eligible[0].name }]);
    expect(eligible[0].name).toBe('赵敏');
  });

  it('reads the logs on worker threads to the same result', () => {
    expect(annual(['--data', dir, '--out', join(dir, 'no-history')], { ECOPS_THREADS: '2' })).toEqual(year);
  });

  it('mixes saved months with computed ones: the year is the same', async () => {
    // October to December as `score` saved them, their logs gone: the months before do not depend on later logs.
    const part = await monthsOnly('1-9');
    const history = join(part, 'reports');
    await mkdir(history);
    for (const m of MONTHS.slice(9)) await writeFile(join(history, `score-${m}.json`), JSON.stringify(monthly.get(m)));
    // A saved month that the logs cover is scored from the logs, not taken from the file.
    await writeFile(join(history, 'score-2024-01.json'), JSON.stringify({ month: '2024-01', staff: [{ name: '张婷', role: '客服', score: 1, passed: false }] }));
    const mixed = annual(['--data', part, '--out', history]);
    expect(mixed.sources).toEqual(Object.fromEntries(MONTHS.map((m, i) => [m, i < 9 ? 'data' : 'saved'])));
    expect(mixed.staff).toEqual(year.staff);
    expect(mixed.stars).toEqual(year.stars);
  });

  it('months with neither logs nor a saved assessment are not assessed', async () => {
    const part = await monthsOnly('1-10');
    // The generator writes the whole year's files of those months, byte for byte, and no others.
    const files = await readdir(part);
    expect(files.filter((f) => !f.endsWith('.csv') || /-2024-1[12]\.csv$/.test(f))).toEqual([]);
    for (const f of files) expect(await readFile(join(part, f), 'utf8'), f).toBe(await readFile(join(dir, f), 'utf8'));
    expect(files.length).toBe((await readdir(dir)).filter((f) => f.endsWith('.csv') && !/-202(4-1[12]|5-\d\d)\.csv$/.test(f)).length);
    const r = annual(['--data', part, '--out', join(part, 'reports')]);
    expect(Object.keys(r.sources)).toEqual(MONTHS.slice(0, 10));
    const zhao = r.staff.find((s: { name: string }) => s.name === '赵敏');
    expect(zhao.assessed).toBe(10);
    expect(Object.keys(zhao.months)).toEqual(MONTHS.slice(0, 10));
  });

  it('writes annual-2024.xlsx: 年度汇总, a coloured 月度得分 grid, 校验问题', async () => {
    const out = join(dir, 'book');
    const r = ecops(['annual', '--year', '2024', '--data', dir, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('服务之星：赵敏');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'annual-2024.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['年度汇总', '月度得分', '全年服务指标', '图表', '校验问题']);
    // A line chart per team (the people of one role), a series per person.
    const zip = await readZipEntries(join(out, 'annual-2024.xlsx'));
    const charts = Object.keys(zip).filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k)).sort().map((k) => zip[k].toString());
    const seriesOf = (xml: string) => [...xml.matchAll(/<c:ser>.*?<c:tx><c:v>([^<]*)</g)].map((m) => m[1]);
    expect(charts.map(seriesOf)).toEqual([['刘芳'], ['张婷', '李娜', '陈静', '赵敏', '孙悦'], ['周晓峰'], ['何军']]);
    const summary = wb.getWorksheet('年度汇总')!;
    const h = headerRowOf(summary);
    expect(String(summary.getRow(1).getCell(1).value)).toContain('年度考核汇总表');
    expect(summary.getRow(h).values).toEqual([undefined, '姓名', '岗位', '考核月数', '年度得分', '等级', '奖金系数', '不及格月数', '不及格月份', '连续90分以上月数', '全年扣分', '差评', '服务之星', '排名']);
    const rows = year.staff.length;
    const at = (name: string) => h + 1 + year.staff.findIndex((s: { name: string }) => s.name === name);
    const chen = summary.getRow(at('陈静'));
    expect([chen.getCell(1).value, chen.getCell(8).value]).toEqual(['陈静', '2024-07']);
    expect(summary.getRow(at('赵敏')).getCell(12).value).toBe('服务之星');
    const texts: string[] = [];
    summary.eachRow((row) => texts.push((row.values as unknown[]).filter((v) => typeof v === 'string').join(' ')));
    expect(texts.some((t) => t.includes('考核人') && t.includes('员工确认'))).toBe(true);

    const grid = wb.getWorksheet('月度得分')!;
    const g = headerRowOf(grid);
    expect(grid.getRow(g).values).toEqual([undefined, '姓名', '岗位', ...MONTHS.map((_, i) => `${i + 1}月`), '年度得分']);
    const chenGrid = grid.getRow(g + 1 + year.staff.findIndex((s: { name: string }) => s.name === '陈静'));
    expect(chenGrid.getCell(3 + 6).value).toBe(monthly.get('2024-07')!.staff.find((s) => s.name === '陈静')!.score);
    expect(chenGrid.getCell(3 + 8).value).toBe(null); // left in August: no September
    const rules = (grid as any).conditionalFormattings.map((c: any) => [c.ref, c.rules[0].operator, c.rules[0].formulae[0]]);
    expect(rules).toContainEqual([`C${g + 1}:C${g + rows}`, 'lessThan', '60']);
    expect(rules).toContainEqual([`C${g + 1}:C${g + rows}`, 'greaterThanOrEqual', '90']);
    expect((grid.getRow(g + rows + 1).values as unknown[]).slice(1, 5)).toEqual(['来源', '', '记录', '记录']);
  });

  it('score shows the trend when earlier months are saved in the output folder, and the change on 汇总', async () => {
    const out = join(dir, 'months');
    for (const m of ['2024-06', '2024-07']) expect(ecops(['score', '--month', m, '--data', dir, '--out', out]).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'score-2024-07.xlsx'));
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['汇总', '趋势', '扣分明细']);
    const june = monthly.get('2024-06')!.staff;
    const july = monthly.get('2024-07')!.staff;
    const trend = wb.getWorksheet('趋势')!;
    const h = headerRowOf(trend);
    expect(trend.getRow(h).values).toEqual([undefined, '姓名', '2024-06', '2024-07', '较上月']);
    const summary = wb.getWorksheet('汇总')!;
    const s = headerRowOf(summary);
    const headers = summary.getRow(s).values as string[];
    expect(headers.slice(4, 6)).toEqual(['得分', '较上月']);
    const summaryRows = new Map<string, unknown[]>();
    for (let i = s + 1; i <= s + july.length; i++) summaryRows.set(String(summary.getRow(i).getCell(2).value), summary.getRow(i).values as unknown[]);
    july.forEach((p, i) => {
      const before = june.find((x) => x.name === p.name)!.score;
      const change = Math.round((p.score - before) * 100) / 100;
      expect(trend.getRow(h + 1 + i).values, p.name).toEqual([undefined, p.name, before, p.score, change]);
      expect(summaryRows.get(p.name)![5], p.name).toBe(change);
    });
  });
});
