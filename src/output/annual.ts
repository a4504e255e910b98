/** The annual assessment workbook `annual-YYYY.xlsx`: 年度汇总, 月度得分, 全年服务指标 (the caller adds 校验问题). */
import type { Lang } from '../core/lang.js';
import { monthsOf, type AnnualResult, type AnnualStaff } from '../score/annual.js';
import { addKpiSheet } from './kpis.js';
import { pick } from './text.js';
import { addChart } from './charts.js';
import { addTableSheet, openDocumentSheet, SIGN_OFF, styled, type ReportWorkbook } from './workbook.js';

/** Competition ranking by annual score: equal scores share a rank (1, 2, 2, 4). */
function ranks(scores: number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

export async function writeAnnualSheets(wb: ReportWorkbook, r: AnnualResult, lang: Lang): Promise<void> {
  const zh = lang === 'zh';
  const rank = ranks(r.staff.map((s) => s.annualScore));
  const starred = new Set(r.stars.map((s) => s.name));
  const grades = r.grades.map((g) => (g.min > 0 ? `${g.grade} ≥ ${g.min} ×${g.bonus}` : `${g.grade} ×${g.bonus}`)).join(zh ? '；' : '; ');

  await addTableSheet(wb, { zh: '年度汇总', en: 'Year summary' }, lang, [
    { header: { zh: '姓名', en: 'name' }, value: (s) => s.name },
    { header: { zh: '岗位', en: 'role' }, value: (s) => s.role },
    { header: { zh: '考核月数', en: 'months assessed' }, format: 'int', value: (s) => s.assessed },
    { header: { zh: '年度得分', en: 'annual score' }, format: 'number', value: (s) => s.annualScore, alertBelow: r.passMark, goodFrom: r.streakScore },
    { header: { zh: '等级', en: 'grade' }, value: (s) => s.grade },
    { header: { zh: '奖金系数', en: 'bonus coefficient' }, format: 'number', value: (s) => s.bonus },
    { header: { zh: '不及格月数', en: 'months failed' }, format: 'int', value: (s) => s.failedMonths.length, alert: (s) => s.failedMonths.length > 0 },
    { header: { zh: '不及格月份', en: 'failed months' }, value: (s) => s.failedMonths.join(', ') },
    { header: { zh: `连续${r.streakScore}分以上月数`, en: `best run ≥ ${r.streakScore}` }, format: 'int', value: (s) => s.bestStreak },
    { header: { zh: '全年扣分', en: 'points deducted' }, format: 'points', value: (s) => s.deducted },
    { header: { zh: '差评', en: 'bad reviews' }, format: 'int', value: (s) => s.badReviews },
    { header: { zh: '服务之星', en: 'Service Star' }, value: (s) => (starred.has(s.name) ? pick(r.stars[0].title, lang) : '') },
    { header: { zh: '排名', en: 'rank' }, format: 'int', value: (s) => rank[r.staff.indexOf(s)] },
  ], r.staff, {
    footer: [
      [],
      [zh ? `年度得分 = 各考核月得分的平均（四舍五入到 0.01）；等级：${grades}` : `Annual score = mean of the months assessed (half-up to 0.01); grades: ${grades}`],
      [zh
        ? `服务之星：无不及格月份的客服中年度得分最高者（同分：全年扣分少者，再同：差评少者）；连续月数满 3 个月可作晋升参考`
        : 'Service Star: the highest annual score among customer service staff with no failed month (ties: fewer points deducted, then fewer bad reviews); a run of 3 months or more is a promotion hint'],
    ],
    title: { zh: '年度考核汇总表', en: 'Annual assessment' },
    signOff: SIGN_OFF.assessment,
  });

  const months = monthsOf(r.year);
  const provisional = new Set(r.provisional);
  const source = (m: string) =>
    r.sources[m] === 'data'
      ? provisional.has(m) ? (zh ? '记录（暂定）' : 'logs (provisional)') : (zh ? '记录' : 'logs')
      : r.sources[m] === 'saved' ? (zh ? '存档' : 'saved') : (zh ? '无' : 'none');
  await addTableSheet(wb, { zh: '月度得分', en: 'Monthly scores' }, lang, [
    { header: { zh: '姓名', en: 'name' }, value: (s: AnnualStaff) => s.name },
    { header: { zh: '岗位', en: 'role' }, value: (s) => s.role },
    ...months.map((m, i) => ({
      header: { zh: `${i + 1}月`, en: m },
      format: 'points' as const,
      value: (s: AnnualStaff) => s.months[m],
      alertBelow: r.passMark,
      goodFrom: r.streakScore,
    })),
    { header: { zh: '年度得分', en: 'annual score' }, format: 'number', value: (s) => s.annualScore, alertBelow: r.passMark, goodFrom: r.streakScore },
  ], r.staff, {
    footer: [
      [zh ? '来源' : 'source', '', ...months.map(source)],
      [zh
        ? `空格：该月未在职或无考核。红色：低于及格分 ${r.passMark}；绿色：${r.streakScore} 分及以上。来源「记录」为本次由记录计算（「暂定」：数据未覆盖该月全部期限），「存档」取自 score 保存的 score-YYYY-MM.json`
        : `Blank: not employed or not assessed that month. Red: below the pass mark ${r.passMark}; green: ${r.streakScore} or more. Source "logs": scored now from the logs ("provisional": the data does not cover all the month's deadlines yet); "saved": from score-YYYY-MM.json saved by score`],
    ],
    title: { zh: '月度得分表', en: 'Monthly scores' },
  });

  await addKpiSheet(wb, r.kpis, r.teamKpi, lang, { zh: '全年服务指标', en: 'Year KPIs' });
  addChartSheet(wb, r, lang);
}

const COLORS = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E', '636363', '997300'];

/** 图表: per team (the people of one role), a table of the months' scores and a line chart of them. */
function addChartSheet(wb: ReportWorkbook, r: AnnualResult, lang: Lang): void {
  const zh = lang === 'zh';
  const months = monthsOf(r.year);
  const teams = new Map<string, AnnualStaff[]>();
  for (const s of r.staff) teams.set(s.role, [...(teams.get(s.role) ?? []), s]);
  const widest = Math.max(1, ...[...teams.values()].map((t) => t.length));
  const { ws } = openDocumentSheet(wb, { zh: '图表', en: 'Charts' }, lang, { widths: [10, ...Array(widest).fill(10)], title: { zh: '月度得分走势', en: 'Monthly scores' }, headerRows: 0 });
  const chartRows = 18;
  for (const [role, people] of teams) {
    const head = ws.addRow([zh ? '月份' : 'month', ...people.map((p) => p.name)]);
    head.eachCell((c) => (c.style = styled.header));
    head.commit();
    const first = head.number + 1;
    for (const m of months) {
      const row = ws.addRow([m, ...people.map((p) => p.months[m] ?? null)]);
      row.getCell(1).style = styled.text;
      people.forEach((_, i) => (row.getCell(i + 2).style = styled.format('points')));
      row.commit();
    }
    const start = first + months.length; // 0-based row index of the first row under the table
    for (let n = 0; n < chartRows + 1; n++) ws.addRow([]).commit();
    const col = (i: number) => String.fromCharCode(66 + i); // B, C, … (a team of up to 25)
    addChart(wb, ws, {
      title: zh ? `${role || '其他'}：月度得分` : `${role || 'others'}: monthly scores`,
      from: { col: 0, row: start },
      to: { col: Math.max(8, people.length + 1), row: start + chartRows - 1 },
      categories: `$A$${first}:$A$${first + months.length - 1}`,
      categoryCache: months,
      min: 0,
      max: 100,
      series: people.slice(0, 25).map((p, i) => ({
        name: p.name,
        values: `$${col(i)}$${first}:$${col(i)}$${first + months.length - 1}`,
        cache: months.map((m) => p.months[m] ?? NaN),
        type: 'line' as const,
        solid: true,
        color: COLORS[i % COLORS.length],
      })),
    });
  }
  ws.commit();
}

/** The lines under every sheet's title: where the months came from. */
export function annualLines(r: AnnualResult, lang: Lang): string[] {
  const months = monthsOf(r.year);
  const list = (source: string) => months.filter((m) => r.sources[m] === source).map((m) => Number(m.slice(5))).join(lang === 'zh' ? '、' : ', ') || (lang === 'zh' ? '无' : 'none');
  const provisional = r.provisional.length ? (lang === 'zh' ? `；暂定：${r.provisional.join('、')}` : `; provisional: ${r.provisional.join(', ')}`) : '';
  return [
    lang === 'zh'
      ? `由记录计算的月份：${list('data')}；取自存档（score-YYYY-MM.json）：${list('saved')}${provisional}`
      : `Months scored from the logs: ${list('data')}; from saved assessments (score-YYYY-MM.json): ${list('saved')}${provisional}`,
  ];
}
