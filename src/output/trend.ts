/** The 趋势 sheet of the monthly assessment: each person's score over the last 12 months and the change from last month. */
import type { Lang } from '../core/lang.js';
import type { Trend } from '../score/trend.js';
import { pick } from './text.js';
import { addTableSheet, type ReportWorkbook } from './workbook.js';

type Row = Trend['staff'][number];

export async function addTrendSheet(wb: ReportWorkbook, trend: Trend, marks: { passMark: number; good: number }, lang: Lang): Promise<void> {
  await addTableSheet(wb, { zh: '趋势', en: 'Trend' }, lang, [
    { header: { zh: '姓名', en: 'name' }, value: (r: Row) => r.name },
    ...trend.months.map((m) => ({
      header: { zh: m, en: m },
      format: 'points' as const,
      value: (r: Row) => r.scores[m],
      alertBelow: marks.passMark,
      goodFrom: marks.good,
    })),
    { header: { zh: '较上月', en: 'change' }, format: 'points', value: (r) => r.change, alert: (r) => r.change !== null && r.change < 0 },
  ], trend.staff, {
    title: { zh: '得分趋势', en: 'Score trend' },
    footer: [
      [],
      [pick({
        zh: `近 12 个月的得分（本月及 score 在输出文件夹保存的往月 score-YYYY-MM.json）。空格：该月未考核。红色：低于及格分 ${marks.passMark}；绿色：${marks.good} 分及以上；较上月为负时标红`,
        en: `Scores of the last 12 months (this one, and the earlier ones score saved as score-YYYY-MM.json in the output folder). Blank: not assessed. Red: below the pass mark ${marks.passMark}; green: ${marks.good} or more; a fall from last month in red`,
      }, lang)],
    ],
  });
}
