/** `ecops annual --year YYYY`: the console side of the API's annual (src/api/annual.ts). */
import { annualRun } from '../api/annual.js';
import type { Lang } from '../core/lang.js';
import { colors, table } from '../output/console.js';
import { monthsOf, type AnnualResult } from '../score/annual.js';
import type { CommonOptions } from './context.js';
import { reportCommand } from './report.js';

export async function annualCommand(opts: CommonOptions & { year?: string; calendar?: string; history?: string }): Promise<number> {
  return reportCommand(opts, (o) => annualRun({ ...o, year: opts.year as string, calendar: opts.calendar, history: opts.history }), summary);
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
