/**
 * The assessment (考核表) as a document: 汇总 ranked with 合计/平均分/及格率, 扣分明细 readable on A4, one 个人确认单
 * page per person to sign, 规则统计, 服务指标 (kpis.ts), 未发货订单, 待定, the charts (charts.ts), and 趋势 (trend.ts) when earlier months are saved.
 */
import { addKpiSheet } from './kpis.js';
import { addTrendSheet } from './trend.js';
import type ExcelJS from 'exceljs';
import type { Lang } from '../core/lang.js';
import { formatWall, formatShort, parseMonth } from '../core/time.js';
import type { Regulation } from '../regulation/index.js';
import { RULE_GROUPS, ruleGroup, RULES } from '../rules/index.js';
import type { Violation } from '../rules/types.js';
import type { ScoreResult, StaffScore } from '../score/score.js';
import { addChart } from './charts.js';
import { pick } from './text.js';
import {
  addTableSheet,
  openDocumentSheet,
  periodTitle,
  SIGN_OFF,
  styled,
  wrappedHeight,
  writeSignOff,
  type DocumentInfo,
  type ReportWorkbook,
} from './workbook.js';

/** 数据截至 2024-06-04 11:30，考核为暂定: the month's data is not complete yet. */
export function provisionalLine(r: ScoreResult, lang: Lang): string {
  const ends = r.coverage.dataEnds === undefined ? undefined : formatShort(r.coverage.dataEnds);
  const open = r.coverage.pending;
  if (lang === 'zh') return `${ends ? `数据截至 ${ends}，` : '没有带日期的记录，'}考核为暂定${open ? `（${open} 项待定）` : ''}`;
  return `${ends ? `data ends ${ends}` : 'no dated records'}: the assessment is provisional${open ? ` (${open} pending)` : ''}`;
}

/** What every sheet of the assessment says at its top: company, month, as-of, and coverage when provisional. */
export function scoreDocument(r: ScoreResult, regulation: Regulation, lang: Lang): DocumentInfo {
  const asOf = formatWall(r.asOf).replace('T', ' ');
  const zh = lang === 'zh';
  const coverage = r.coverage.provisional
    ? provisionalLine(r, lang)
    : zh
      ? `数据覆盖全月${r.coverage.dataEnds === undefined ? '' : `（至 ${formatWall(r.coverage.dataEnds).replace('T', ' ')}）`}，考核为定稿`
      : `the data covers the whole month${r.coverage.dataEnds === undefined ? '' : ` (to ${formatWall(r.coverage.dataEnds).replace('T', ' ')})`}: the assessment is final`;
  return {
    company: regulation.company,
    period: periodTitle(parseMonth(r.month)!, lang),
    lines: [zh ? `考核截至：${asOf}　　基础分 ${r.baseScore}，及格分 ${r.passMark}　　${coverage}` : `As of: ${asOf}    base score ${r.baseScore}, pass mark ${r.passMark}    ${coverage}`],
  };
}

/** Competition ranking by score: equal scores share a rank (1, 2, 2, 4). */
export function ranks(scores: number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

const source = (s: { file: string; sheet: string; row: number }) => `${s.file} / ${s.sheet} / ${s.row}`;
const sumPoints = (vs: readonly Violation[]) => vs.reduce((sum, v) => sum + Math.round(v.points * 100), 0) / 100;

/** The people in rank order (best first; equal scores in the staff list's order). */
function ranked(r: ScoreResult): { s: StaffScore; rank: number }[] {
  const rank = ranks(r.staff.map((s) => s.score));
  return r.staff.map((s, i) => ({ s, rank: rank[i] })).sort((a, b) => a.rank - b.rank);
}

export async function addScoreSheets(wb: ReportWorkbook, r: ScoreResult, regulation: Regulation, lang: Lang): Promise<void> {
  const zh = lang === 'zh';
  const yes = zh ? '是' : 'yes';
  const no = zh ? '否' : 'no';
  const clause = (code: string) => (lang === 'zh' ? regulation.rules[code]?.clause : RULES[code] ? pick(RULES[code].meta.clause, lang) : undefined) ?? code;
  const byPerson = new Map<string, Violation[]>();
  for (const v of r.violations) byPerson.set(v.staff, [...(byPerson.get(v.staff) ?? []), v]);
  const counted = (name: string) => (byPerson.get(name) ?? []).filter((v) => !v.exempt).length;
  const exempted = (name: string) => (byPerson.get(name) ?? []).filter((v) => v.exempt).length;

  // 汇总: ranked; a clause group's column only where some point fell in it; the change from last month when saved.
  const change = r.trend && new Map(r.trend.staff.map((t) => [t.name, t.change]));
  const people = ranked(r);
  const groups = RULE_GROUPS.filter((g) => r.staff.some((s) => (s.byGroup[g.id] ?? 0) > 0));
  const passedCount = r.staff.filter((s) => s.passed).length;
  const meanScore = r.staff.length ? Math.round((r.staff.reduce((a, s) => a + s.score * 100, 0) / r.staff.length)) / 100 : 0;
  await addTableSheet(wb, { zh: '汇总', en: 'Summary' }, lang, [
    { header: { zh: '排名', en: 'rank' }, format: 'int', value: (p) => p.rank },
    { header: { zh: '姓名', en: 'name' }, value: (p) => p.s.name },
    { header: { zh: '岗位', en: 'role' }, value: (p) => p.s.role },
    { key: 'score', header: { zh: '得分', en: 'score' }, format: 'points', value: (p) => p.s.score, alertBelow: r.passMark },
    ...(change ? [{ header: { zh: '较上月', en: 'vs last month' }, format: 'points' as const, value: (p: { s: StaffScore }) => change.get(p.s.name) ?? null }] : []),
    { key: 'passed', header: { zh: '是否及格', en: 'passed' }, value: (p) => (p.s.passed ? yes : no), alert: (p) => !p.s.passed },
    { header: { zh: '扣分', en: 'deducted' }, format: 'points', value: (p) => p.s.deducted, total: true },
    { header: { zh: '违规次数', en: 'violations' }, format: 'int', value: (p) => counted(p.s.name), total: true },
    { header: { zh: '豁免次数', en: 'exempt' }, format: 'int', value: (p) => exempted(p.s.name), total: true },
    ...groups.map((g) => ({
      header: { zh: `${g.name.zh}扣分`, en: `${g.name.en} points` },
      format: 'points' as const,
      value: (p: { s: StaffScore }) => p.s.byGroup[g.id] ?? 0,
      total: true,
    })),
  ], people, {
    title: { zh: '考核汇总表', en: 'Assessment summary' },
    lines: [zh ? '违规次数不含豁免的违规，豁免另计。' : 'Violations exclude exempt ones, counted apart.'],
    summary: [
      { label: { zh: '平均分', en: 'Mean score' }, cells: { score: { formula: (range) => `ROUND(SUBTOTAL(101,${range}),2)`, result: meanScore } } },
      {
        label: { zh: '及格率', en: 'Pass rate' },
        cells: { passed: { formula: (range) => `ROUND(COUNTIF(${range},"${yes}")/COUNTA(${range}),4)`, result: r.staff.length ? Math.round((passedCount / r.staff.length) * 10000) / 10000 : 0, format: 'percent' } },
      },
    ],
    signOff: SIGN_OFF.assessment,
  });

  if (r.trend) await addTrendSheet(wb, r.trend, { passMark: r.passMark, good: regulation.annual.streakScore }, lang);

  await addTableSheet(wb, { zh: '扣分明细', en: 'Deductions' }, lang, [
    { header: { zh: '日期', en: 'date' }, format: 'datetime', value: (v) => v.date },
    { header: { zh: '姓名', en: 'staff' }, value: (v) => v.staff },
    { header: { zh: '条款编号', en: 'rule' }, value: (v) => v.rule },
    { header: { zh: '条款', en: 'clause' }, value: (v) => clause(v.rule), wrap: 36 },
    { header: { zh: '扣分', en: 'points' }, format: 'points', value: (v) => v.points, total: true },
    { header: { zh: '加倍', en: 'escalated' }, value: (v) => (v.escalated ? yes : '') },
    { header: { zh: '豁免', en: 'exempt' }, value: (v) => (v.exempt ? yes : '') },
    { header: { zh: '原因', en: 'reason' }, value: (v) => pick(v.reason, lang), wrap: 50 },
    { header: { zh: '豁免原因', en: 'exempt reason' }, value: (v) => v.exemptReason, wrap: 16 },
    { header: { zh: '来源', en: 'source' }, value: (v) => source(v.source), wrap: 26 },
  ], r.violations, { title: { zh: '扣分明细表', en: 'Deductions' }, signOff: SIGN_OFF.assessment.filter((l) => l.zh !== '员工确认') });

  await addPersonalSheet(wb, r, people, byPerson, lang);
  addChartSheet(wb, r, people, groups.length ? groups : RULE_GROUPS, lang);

  const byRule = Object.values(regulation.rules).map((rule) => {
    const vs = r.violations.filter((v) => v.rule === rule.code);
    return { code: rule.code, group: ruleGroup(rule.code), count: vs.filter((v) => !v.exempt).length, exempt: vs.filter((v) => v.exempt).length, points: sumPoints(vs), enabled: rule.enabled };
  });
  await addTableSheet(wb, { zh: '规则统计', en: 'By rule' }, lang, [
    { header: { zh: '条款编号', en: 'rule' }, value: (x) => x.code },
    { header: { zh: '条款', en: 'clause' }, value: (x) => clause(x.code), wrap: 60 },
    { header: { zh: '违规次数', en: 'violations' }, format: 'int', value: (x) => x.count, total: true },
    { header: { zh: '豁免次数', en: 'exempt' }, format: 'int', value: (x) => x.exempt, total: true },
    { header: { zh: '扣分合计', en: 'points' }, format: 'points', value: (x) => x.points, total: true },
    { header: { zh: '启用', en: 'enabled' }, value: (x) => (x.enabled ? yes : no) },
  ], byRule, { title: { zh: '条款统计表', en: 'By rule' } });

  await addKpiSheet(wb, r.kpis, r.teamKpi, lang);

  await addTableSheet(wb, { zh: '未发货订单', en: 'Unshipped orders' }, lang, [
    { header: { zh: '订单号', en: 'order' }, value: (u) => u.orderId },
    { header: { zh: '负责人', en: 'staff' }, value: (u) => u.staff },
    { header: { zh: '流程完成时间', en: 'completed' }, format: 'datetime', value: (u) => u.completedAt },
    { header: { zh: '未发行数', en: 'unshipped lines' }, format: 'int', value: (u) => u.unshippedLines },
    { header: { zh: '未发数量', en: 'unshipped qty' }, format: 'int', value: (u) => u.unshippedQty, total: true },
    { header: { zh: '货号', en: 'skus' }, value: (u) => u.skus.join(', '), wrap: 30 },
    { header: { zh: '豁免', en: 'exempt' }, value: (u) => (u.exempt ? yes : '') },
    { header: { zh: '来源', en: 'source' }, value: (u) => source(u.source), wrap: 30 },
  ], r.unshipped, { title: { zh: '月末未发货订单', en: 'Orders unshipped at month end' } });

  await addTableSheet(wb, { zh: '待定', en: 'Pending' }, lang, [
    { header: { zh: '条款编号', en: 'rule' }, value: (p) => p.rule },
    { header: { zh: '姓名', en: 'staff' }, value: (p) => p.staff },
    { header: { zh: '开始', en: 'since' }, format: 'datetime', value: (p) => p.since },
    { header: { zh: '截止', en: 'deadline' }, format: 'datetime', value: (p) => p.deadline },
    { header: { zh: '说明', en: 'reason' }, value: (p) => pick(p.reason, lang), wrap: 50 },
    { header: { zh: '来源', en: 'source' }, value: (p) => source(p.source), wrap: 30 },
  ], r.pending, { title: { zh: '待定事项', en: 'Pending items' }, lines: [zh ? '截至考核时点尚未到期的事项，到期后再计。' : 'Items open at the as-of whose deadline is later: counted when it passes.'] });

  if (r.ld3Hints.length > 0) {
    await addTableSheet(wb, { zh: '多次不及格', en: 'Repeated failures' }, lang, [
      { header: { zh: '直属上级', en: 'supervisor' }, value: (h) => h.supervisor },
      { header: { zh: '员工', en: 'staff' }, value: (h) => h.staff },
      { header: { zh: '不及格月份', en: 'failed months' }, value: (h) => h.failedMonths.join(', ') },
    ], r.ld3Hints);
  }
}

/** 图表: scores against the pass mark, and points by clause group — native charts over the tables beside them. */
function addChartSheet(wb: ReportWorkbook, r: ScoreResult, people: { s: StaffScore }[], groups: readonly (typeof RULE_GROUPS)[number][], lang: Lang): void {
  const zh = lang === 'zh';
  // 姓名 得分 及格分 | gap | 条款组 扣分 | room for the charts' width
  const widths = [14, 10, 10, 4, 16, 10, 26];
  const { ws } = openDocumentSheet(wb, { zh: '图表', en: 'Charts' }, lang, { widths, portrait: true, title: { zh: '考核图表', en: 'Assessment charts' }, headerRows: 0 });
  const head = ws.addRow(zh ? ['姓名', '得分', '及格分', null, '条款组', '扣分'] : ['name', 'score', 'pass mark', null, 'clause group', 'points']);
  [1, 2, 3, 5, 6].forEach((c) => (head.getCell(c).style = styled.header));
  head.commit();
  const first = head.number + 1;
  const groupPoints = groups.map((g) => Math.round(r.staff.reduce((a, s) => a + (s.byGroup[g.id] ?? 0) * 100, 0)) / 100);
  for (let i = 0; i < Math.max(people.length, groups.length); i++) {
    const p = people[i];
    const g = groups[i];
    const row = ws.addRow([p?.s.name ?? null, p?.s.score ?? null, p ? r.passMark : null, null, g ? pick(g.name, lang) : null, g ? groupPoints[i] : null]);
    if (p) [styled.text, styled.format('points'), styled.format('points')].forEach((st, c) => (row.getCell(c + 1).style = st));
    if (g) [styled.text, styled.format('points')].forEach((st, c) => (row.getCell(c + 5).style = st));
    row.commit();
  }
  const range = (col: string, n: number) => `$${col}$${first}:$${col}$${first + n - 1}`;
  const chartRows = 22;
  const start = first + Math.max(people.length, groups.length); // 1-based row under the tables
  // Empty rows under the tables give the charts their place on the page; the second chart starts a page.
  for (let n = 0; n < 2 * chartRows + 1; n++) {
    const row = ws.addRow([]);
    row.height = 15;
    if (n === chartRows) row.addPageBreak();
    row.commit();
  }
  const score = zh ? '得分' : 'score';
  addChart(wb, ws, {
    title: zh ? `得分与及格线（及格分 ${r.passMark}）` : `Scores and the pass mark (${r.passMark})`,
    from: { col: 0, row: start },
    to: { col: widths.length, row: start + chartRows - 1 },
    categories: range('A', people.length),
    categoryCache: people.map((p) => p.s.name),
    min: 0,
    max: r.baseScore,
    series: [
      { name: score, values: range('B', people.length), cache: people.map((p) => p.s.score), type: 'bar', color: '4472C4', labels: true },
      { name: zh ? '及格分' : 'pass mark', values: range('C', people.length), cache: people.map(() => r.passMark), type: 'line', color: 'C00000' },
    ],
  });
  addChart(wb, ws, {
    title: zh ? '各条款组扣分' : 'Points by clause group',
    from: { col: 0, row: start + chartRows + 1 },
    to: { col: widths.length, row: start + 2 * chartRows },
    categories: range('E', groups.length),
    categoryCache: groups.map((g) => pick(g.name, lang)),
    min: 0,
    series: [{ name: zh ? '扣分' : 'points', values: range('F', groups.length), cache: groupPoints, type: 'bar', color: 'ED7D31', labels: true }],
  });
  ws.commit();
}

/**
 * 个人确认单: one printed page per person — their deductions, total, score and the lines they and their
 * supervisor sign — with a page break between people.
 */
async function addPersonalSheet(
  wb: ReportWorkbook,
  r: ScoreResult,
  people: { s: StaffScore; rank: number }[],
  byPerson: Map<string, Violation[]>,
  lang: Lang,
): Promise<void> {
  const zh = lang === 'zh';
  // 日期 | 条款编号 | 扣分 | 原因: fits A4 portrait at 100 % (the clauses' text is in 扣分明细 and 规则统计).
  const widths = [20, 13, 6, 54];
  const { ws } = openDocumentSheet(wb, { zh: '个人确认单', en: 'Personal slips' }, lang, {
    widths,
    portrait: true,
    title: { zh: '考核个人确认单', en: 'Assessment slips' },
    headerRows: 0,
  });
  const span = widths.length;
  const line = (text: string, style: Partial<ExcelJS.Style>, height?: number) => {
    const row = ws.addRow([text]);
    row.getCell(1).style = style;
    const h = height ?? wrappedHeight([text], [widths.reduce((a, b) => a + b, 0)]);
    if (h) row.height = h;
    ws.mergeCells(row.number, 1, row.number, span);
    return row;
  };
  const headers = zh ? ['日期', '条款编号', '扣分', '原因'] : ['date', 'rule', 'points', 'reason'];
  const cells = [styled.format('datetime'), styled.text, styled.format('points'), styled.text];
  people.forEach(({ s, rank }, n) => {
    const mine = byPerson.get(s.name) ?? [];
    const exempt = mine.filter((v) => v.exempt).length;
    line(zh ? `姓名：${s.name}　　岗位：${s.role || '—'}　　排名：${rank} / ${r.staff.length}` : `Name: ${s.name}    Role: ${s.role || '—'}    Rank: ${rank} / ${r.staff.length}`, styled.heading, 22).commit();
    line(
      zh
        ? `得分：${s.score.toFixed(1)}（${s.passed ? '及格' : '不及格'}，及格分 ${r.passMark}）　　扣分：${s.deducted.toFixed(1)}　　违规 ${mine.length - exempt} 次${exempt ? `，豁免 ${exempt} 次` : ''}`
        : `Score: ${s.score.toFixed(1)} (${s.passed ? 'passed' : 'failed'}, pass mark ${r.passMark})    Deducted: ${s.deducted.toFixed(1)}    ${mine.length - exempt} violations${exempt ? `, ${exempt} exempt` : ''}`,
      styled.heading,
      20,
    ).commit();
    if (mine.length === 0) {
      line(zh ? '本月无扣分。' : 'No deductions this month.', styled.plain).commit();
    } else {
      const header = ws.addRow(headers);
      header.eachCell((c) => (c.style = styled.header));
      header.commit();
      const first = header.number + 1;
      for (const v of mine) {
        const reason = `${pick(v.reason, lang)}${v.exempt ? (zh ? `（豁免：${v.exemptReason ?? ''}）` : ` (exempt: ${v.exemptReason ?? ''})`) : ''}${v.escalated ? (zh ? '（加倍）' : ' (escalated)') : ''}`;
        const texts = [formatWall(v.date).replace('T', ' '), v.rule, '', reason];
        const row = ws.addRow([new Date(v.date), v.rule, v.points, reason]);
        row.eachCell((c, i) => (c.style = cells[i - 1]));
        const h = wrappedHeight(texts, widths);
        if (h) row.height = h;
        row.commit();
      }
      const total = ws.addRow([zh ? '扣分合计' : 'Total', null, { formula: `SUM(C${first}:C${first + mine.length - 1})`, result: sumPoints(mine) }, null]);
      total.eachCell({ includeEmpty: true }, (c, i) => (c.style = i === 3 ? styled.format('points', styled.bold.font) : styled.bold));
      total.commit();
    }
    writeSignOff(ws, SIGN_OFF.person, lang, span);
    // A page of its own: the break goes after the person's last row (not after the last person).
    if (n < people.length - 1) {
      const gap = ws.addRow([]);
      gap.addPageBreak();
      gap.commit();
    }
  });
  ws.commit();
}
