/** `ecops score --month YYYY-MM`: the supervisors' monthly assessment. */
import { createCalendar, loadCalendarFile } from '../calendar/calendar.js';
import { UsageError } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { endOfDay, formatShort, nowWall, parseDateText, type Wall } from '../core/time.js';
import { colors, issueJson, printJson, table } from '../output/console.js';
import { pick } from '../output/text.js';
import { addTableSheet, periodTitle, type ReportWorkbook } from '../output/workbook.js';
import type { Regulation } from '../regulation/index.js';
import { RULE_GROUPS, ruleGroup, RULES } from '../rules/index.js';
import { loadHistory } from '../score/history.js';
import { ConsultationPass } from '../score/consultations.js';
import { scoreMonth, scoreToJson, type ScoreResult } from '../score/score.js';
import { monthOption } from './close.js';
import { dataEndOf, doneStatus, langOf, loadInputs, logsPresent, requireLogs, strictStop, type CommonOptions } from './context.js';
import { dataSettings, regulationOf } from './regulation.js';
import { reportFooter, writeReport } from './report.js';

export interface ScoreCommandOptions extends CommonOptions {
  month?: string;
  asOf?: string;
  calendar?: string;
  history?: string;
}

/** `--as-of`: a date and time, or a date alone (its last instant). */
function asOfOption(text: string | undefined): Wall | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDateText(text.trim());
  if (!parsed) throw new UsageError({ zh: `--as-of「${text}」不是日期时间，如 2024-05-20 18:00`, en: `--as-of "${text}" is not a date/time such as 2024-05-20 18:00` });
  return parsed.hasTime ? parsed.t : endOfDay(parsed.t);
}

export async function scoreCommand(opts: ScoreCommandOptions): Promise<number> {
  const lang = langOf(opts);
  const month = monthOption(opts.month);
  const asOf = asOfOption(opts.asOf);
  const regulation = regulationOf(opts);
  const calendar = createCalendar(opts.calendar ? loadCalendarFile(opts.calendar) : undefined);
  const history = loadHistory(opts.history, month.label);
  // The consultations go through their rules as they are read (a month can hold a million of them), before
  // where the data ends is known: without --as-of they run up to now, and scoreMonth cuts at the data's end.
  const pass = new ConsultationPass({ regulation, calendar, month: month.label, asOf: asOf ?? nowWall(), asOfBound: asOf === undefined });
  const data = await loadInputs(opts, { ...(await dataSettings(opts, regulation)), consultations: pass });
  requireLogs(data, ['staff']);
  const dataEnds = dataEndOf(data.tables);
  const result = scoreMonth(data.records, {
    regulation, calendar, month: month.label,
    asOf: asOf ?? Math.min(nowWall(), dataEnds ?? month.end),
    dataEnds,
    logsPresent: logsPresent(data.tables),
    history: history.months,
    consultations: pass.summary(),
  });
  const issues = [...data.issues, ...history.issues, ...result.issues];
  const stopped = strictStop(opts, issues, lang);
  if (stopped) return stopped;
  if (opts.json) {
    const json = scoreToJson(result, lang);
    printJson({
      ...json,
      staff: result.staff.map(({ name, role, deducted, score, passed, violations }) => ({ name, role, deducted, score, passed, violations })),
      issues: issues.map((i) => issueJson(i, lang)),
    });
    return doneStatus(opts, issues, lang);
  }
  const path = await writeReport(opts, lang, `score-${month.label}.xlsx`, issues, { company: regulation.company, period: periodTitle(month, lang) }, (wb) => addScoreSheets(wb, result, regulation, lang));
  if (!opts.quiet) {
    process.stdout.write(summary(result, lang));
    process.stdout.write(reportFooter(lang, issues, data.tables.reduce((n, t) => n + t.excluded, 0), [path]));
  }
  return doneStatus(opts, issues, lang);
}

function summary(r: ScoreResult, lang: Lang): string {
  const c = colors();
  const zh = lang === 'zh';
  const rows = r.staff.map((s) => [
    s.name,
    s.role,
    s.deducted,
    s.passed ? String(s.score) : c.red(String(s.score)),
    s.passed ? (zh ? '是' : 'yes') : c.red(zh ? '否' : 'no'),
    s.violations,
  ]);
  const head = zh ? ['姓名', '岗位', '扣分', '得分', '及格', '违规次数'] : ['name', 'role', 'deducted', 'score', 'passed', 'violations'];
  const failed = r.staff.filter((s) => !s.passed).length;
  const line = zh
    ? `${r.month} 考核：${r.staff.length} 人，${r.violations.length} 条扣分记录，${failed} 人不及格，${r.pending.length} 项待定`
    : `${r.month}: ${r.staff.length} people, ${r.violations.length} violations, ${failed} failed, ${r.pending.length} pending`;
  const coverage = r.coverage.provisional ? `${c.yellow(provisionalLine(r, lang))}\n` : '';
  return `${table(head, rows)}\n${failed ? c.red(line) : line}\n${coverage}`;
}

/** 数据截至 2024-06-04 11:30，考核为暂定: the month's data is not complete yet. */
export function provisionalLine(r: ScoreResult, lang: Lang): string {
  const ends = r.coverage.dataEnds === undefined ? undefined : formatShort(r.coverage.dataEnds);
  const open = r.coverage.pending;
  if (lang === 'zh') return `${ends ? `数据截至 ${ends}，` : '没有带日期的记录，'}考核为暂定${open ? `（${open} 项待定）` : ''}`;
  return `${ends ? `data ends ${ends}` : 'no dated records'}: the assessment is provisional${open ? ` (${open} pending)` : ''}`;
}

/** Competition ranking by score: equal scores share a rank (1, 2, 2, 4). */
function ranks(scores: number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

const source = (s: { file: string; sheet: string; row: number }) => `${s.file} / ${s.sheet} / ${s.row}`;

export async function addScoreSheets(wb: ReportWorkbook, r: ScoreResult, regulation: Regulation, lang: Lang): Promise<void> {
  const zh = lang === 'zh';
  const yes = zh ? '是' : 'yes';
  const no = zh ? '否' : 'no';
  const clause = (code: string) => (lang === 'zh' ? regulation.rules[code]?.clause : RULES[code] ? pick(RULES[code].meta.clause, lang) : undefined) ?? code;
  const rank = ranks(r.staff.map((s) => s.score));

  await addTableSheet(wb, { zh: '汇总', en: 'Summary' }, lang, [
    { header: { zh: '姓名', en: 'name' }, value: (s) => s.name },
    { header: { zh: '岗位', en: 'role' }, value: (s) => s.role },
    { header: { zh: '扣分', en: 'deducted' }, format: 'points', value: (s) => s.deducted },
    { header: { zh: '得分', en: 'score' }, format: 'points', value: (s) => s.score, alertBelow: r.passMark },
    { header: { zh: '是否及格', en: 'passed' }, value: (s) => (s.passed ? yes : no), alert: (s) => !s.passed },
    { header: { zh: '违规次数', en: 'violations' }, format: 'int', value: (s) => s.violations },
    ...RULE_GROUPS.map((g) => ({
      header: { zh: `${g.name.zh}扣分`, en: `${g.name.en} points` },
      format: 'points' as const,
      value: (s: ScoreResult['staff'][number]) => s.byGroup[g.id] ?? 0,
    })),
    { header: { zh: '排名', en: 'rank' }, format: 'int', value: (s) => rank[r.staff.indexOf(s)] },
  ], r.staff);

  await addTableSheet(wb, { zh: '扣分明细', en: 'Deductions' }, lang, [
    { header: { zh: '日期', en: 'date' }, format: 'datetime', value: (v) => v.date },
    { header: { zh: '条款编号', en: 'rule' }, value: (v) => v.rule },
    { header: { zh: '条款', en: 'clause' }, value: (v) => clause(v.rule) },
    { header: { zh: '姓名', en: 'staff' }, value: (v) => v.staff },
    { header: { zh: '扣分', en: 'points' }, format: 'points', value: (v) => v.points, total: true },
    { header: { zh: '加倍', en: 'escalated' }, value: (v) => (v.escalated ? yes : '') },
    { header: { zh: '豁免', en: 'exempt' }, value: (v) => (v.exempt ? yes : '') },
    { header: { zh: '豁免原因', en: 'exempt reason' }, value: (v) => v.exemptReason },
    { header: { zh: '原因', en: 'reason' }, value: (v) => pick(v.reason, lang) },
    { header: { zh: '来源文件', en: 'file' }, value: (v) => v.source.file },
    { header: { zh: '工作表', en: 'sheet' }, value: (v) => v.source.sheet },
    { header: { zh: '行', en: 'row' }, format: 'int', value: (v) => v.source.row },
  ], r.violations);

  const byRule = Object.values(regulation.rules).map((rule) => {
    const vs = r.violations.filter((v) => v.rule === rule.code);
    return {
      code: rule.code,
      group: ruleGroup(rule.code),
      count: vs.length,
      exempt: vs.filter((v) => v.exempt).length,
      points: vs.reduce((sum, v) => sum + Math.round(v.points * 100), 0) / 100,
      enabled: rule.enabled,
    };
  });
  await addTableSheet(wb, { zh: '规则统计', en: 'By rule' }, lang, [
    { header: { zh: '条款编号', en: 'rule' }, value: (x) => x.code },
    { header: { zh: '条款', en: 'clause' }, value: (x) => clause(x.code) },
    { header: { zh: '次数', en: 'violations' }, format: 'int', value: (x) => x.count, total: true },
    { header: { zh: '豁免次数', en: 'exempt' }, format: 'int', value: (x) => x.exempt, total: true },
    { header: { zh: '扣分合计', en: 'points' }, format: 'points', value: (x) => x.points, total: true },
    { header: { zh: '启用', en: 'enabled' }, value: (x) => (x.enabled ? yes : no) },
  ], byRule);

  await addTableSheet(wb, { zh: '服务指标', en: 'Service KPIs' }, lang, [
    { header: { zh: '客服', en: 'staff' }, value: (k) => k.staff },
    { header: { zh: '咨询量', en: 'consultations' }, format: 'int', value: (k) => k.consultations, total: true },
    { header: { zh: '平均首响秒数', en: 'avg first reply (s)' }, format: 'number', value: (k) => (k.avgFirstReplySeconds === null ? null : Math.round(k.avgFirstReplySeconds * 10) / 10) },
    { header: { zh: '45秒内回复占比', en: 'replies within limit' }, format: 'percent', value: (k) => k.shareWithinLimit },
    { header: { zh: '来电数', en: 'calls' }, format: 'int', value: (k) => k.calls, total: true },
    { header: { zh: '10声内接听', en: 'answered within rings' }, format: 'int', value: (k) => k.callsWithinRings, total: true },
    { header: { zh: '留言数', en: 'messages' }, format: 'int', value: (k) => k.messages, total: true },
    { header: { zh: '留言按时处理', en: 'messages on time' }, format: 'int', value: (k) => k.messagesOnTime, total: true },
    { header: { zh: '应回访', en: 'follow-ups due' }, format: 'int', value: (k) => k.followUps, total: true },
    { header: { zh: '按时回访', en: 'follow-ups on time' }, format: 'int', value: (k) => k.followUpsOnTime, total: true },
    { header: { zh: '差评', en: 'bad reviews' }, format: 'int', value: (k) => k.badReviews, total: true, alert: (k) => k.badReviews > 0 },
    { header: { zh: '应发订单', en: 'orders due' }, format: 'int', value: (k) => k.orders, total: true },
    { header: { zh: '按时发货', en: 'orders on time' }, format: 'int', value: (k) => k.ordersOnTime, total: true },
  ], r.kpis);

  await addTableSheet(wb, { zh: '未发货订单', en: 'Unshipped orders' }, lang, [
    { header: { zh: '订单号', en: 'order' }, value: (u) => u.orderId },
    { header: { zh: '负责人', en: 'staff' }, value: (u) => u.staff },
    { header: { zh: '流程完成时间', en: 'completed' }, format: 'datetime', value: (u) => u.completedAt },
    { header: { zh: '未发行数', en: 'unshipped lines' }, format: 'int', value: (u) => u.unshippedLines },
    { header: { zh: '未发数量', en: 'unshipped qty' }, format: 'int', value: (u) => u.unshippedQty, total: true },
    { header: { zh: '货号', en: 'skus' }, value: (u) => u.skus.join(', ') },
    { header: { zh: '豁免', en: 'exempt' }, value: (u) => (u.exempt ? yes : '') },
    { header: { zh: '来源', en: 'source' }, value: (u) => source(u.source) },
  ], r.unshipped);

  await addTableSheet(wb, { zh: '待定', en: 'Pending' }, lang, [
    { header: { zh: '条款编号', en: 'rule' }, value: (p) => p.rule },
    { header: { zh: '姓名', en: 'staff' }, value: (p) => p.staff },
    { header: { zh: '开始', en: 'since' }, format: 'datetime', value: (p) => p.since },
    { header: { zh: '截止', en: 'deadline' }, format: 'datetime', value: (p) => p.deadline },
    { header: { zh: '说明', en: 'reason' }, value: (p) => pick(p.reason, lang) },
    { header: { zh: '来源', en: 'source' }, value: (p) => source(p.source) },
  ], r.pending);

  if (r.ld3Hints.length > 0) {
    await addTableSheet(wb, { zh: '多次不及格', en: 'Repeated failures' }, lang, [
      { header: { zh: '直属上级', en: 'supervisor' }, value: (h) => h.supervisor },
      { header: { zh: '员工', en: 'staff' }, value: (h) => h.staff },
      { header: { zh: '不及格月份', en: 'failed months' }, value: (h) => h.failedMonths.join(', ') },
    ], r.ld3Hints);
  }
}
