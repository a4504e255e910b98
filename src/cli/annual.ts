/** `ecops annual --year YYYY`: the year's assessment, from the logs and the months saved by `score`. */
import { createCalendar, loadCalendarFile } from '../calendar/calendar.js';
import type { Lang } from '../core/lang.js';
import { annualLines, writeAnnualSheets } from '../output/annual.js';
import { colors, issueJson, printJson, table } from '../output/console.js';
import { annualToJson, assessYear, monthsOf, YearPass, yearOption, type AnnualResult } from '../score/annual.js';
import { loadHistory } from '../score/history.js';
import { dataEndOf, doneStatus, langOf, loadInputs, logsPresent, requireLogs, strictStop, type CommonOptions } from './context.js';
import { dataSettings, regulationOf } from './regulation.js';
import { reportFooter, writeReport } from './report.js';

export interface AnnualCommandOptions extends CommonOptions {
  year?: string;
  calendar?: string;
  history?: string;
}

export async function annualCommand(opts: AnnualCommandOptions): Promise<number> {
  const lang = langOf(opts);
  const year = yearOption(opts.year);
  const regulation = regulationOf(opts);
  const calendar = createCalendar(opts.calendar ? loadCalendarFile(opts.calendar) : undefined);
  // Months without logs come from the JSON `score` saved beside its workbooks: by default the output folder.
  const history = loadHistory(opts.history ?? opts.out ?? './reports');
  const options = { regulation, calendar, year };
  // One read of the logs for the whole year: every month's consultation pass is fed as the rows go by.
  const pass = new YearPass(options);
  const data = await loadInputs(opts, { ...(await dataSettings(opts, regulation)), consultations: pass });
  if (data.tables.length > 0) requireLogs(data, ['staff']);
  const result = assessYear(data.records, pass, history.months, { ...options, dataEnds: dataEndOf(data.tables), logsPresent: logsPresent(data.tables) });
  const issues = [...data.issues, ...history.issues, ...result.issues];
  const stopped = strictStop(opts, issues, lang);
  if (stopped) return stopped;
  if (opts.json) {
    printJson({ ...annualToJson(result, lang), issues: issues.map((i) => issueJson(i, lang)) });
    return doneStatus(opts, issues, lang);
  }
  const doc = { company: regulation.company, period: lang === 'zh' ? `${year}年度` : `Year ${year}`, lines: annualLines(result, lang) };
  const path = await writeReport(opts, lang, `annual-${year}.xlsx`, issues, doc, (wb) => writeAnnualSheets(wb, result, lang));
  if (!opts.quiet) {
    process.stdout.write(summary(result, lang));
    process.stdout.write(reportFooter(lang, issues, data.tables.reduce((n, t) => n + t.excluded, 0), [path]));
  }
  return doneStatus(opts, issues, lang);
}

function summary(r: AnnualResult, lang: Lang): string {
  const c = colors();
  const zh = lang === 'zh';
  const rows = r.staff.map((s) => [
    s.name,
    s.role,
    s.assessed,
    s.failedMonths.length ? c.red(String(s.annualScore)) : String(s.annualScore),
    s.failedMonths.length ? c.red(String(s.failedMonths.length)) : '0',
    s.grade,
    s.bonus,
    s.bestStreak,
  ]);
  const head = zh ? ['姓名', '岗位', '考核月数', '年度得分', '不及格月数', '等级', '奖金系数', '连续优秀月数'] : ['name', 'role', 'months', 'annual score', 'failed', 'grade', 'bonus', 'best streak'];
  const months = monthsOf(r.year);
  const from = (source: string) => months.filter((m) => r.sources[m] === source).map((m) => m.slice(5)).join(',') || '-';
  const none = months.filter((m) => !r.sources[m]).map((m) => m.slice(5)).join(',') || '-';
  const stars = r.stars.map((s) => s.name).join('、') || '-';
  const line = zh
    ? `${r.year} 年度考核：${r.staff.length} 人；由记录计算的月份 ${from('data')}，取自存档 ${from('saved')}，无考核 ${none}；服务之星：${stars}`
    : `${r.year}: ${r.staff.length} people; months from the logs ${from('data')}, from saved assessments ${from('saved')}, none ${none}; Service Star: ${stars}`;
  const provisional = r.provisional.length
    ? `${c.yellow(zh ? `暂定月份（数据未覆盖其全部期限）：${r.provisional.join('、')}` : `provisional months (the data does not cover all their deadlines): ${r.provisional.join(', ')}`)}\n`
    : '';
  return `${table(head, rows)}\n${line}\n${provisional}`;
}
