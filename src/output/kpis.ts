/** The 服务指标 sheet: each 客服's KPIs, the team's, and what each one counts, printed below the figures. */
import type { Bilingual, Lang } from '../core/lang.js';
import { kpiDefinitions, type Kpi } from '../score/kpis.js';
import { pick } from './text.js';
import { addTableSheet, type ReportWorkbook, type SheetColumn } from './workbook.js';

export async function addKpiSheet(wb: ReportWorkbook, rows: readonly Kpi[], team: Kpi, lang: Lang, name: Bilingual = { zh: '服务指标', en: 'Service KPIs' }): Promise<void> {
  const s = team.replyLimitSeconds;
  const n = team.ringLimit;
  const teamLabel = pick({ zh: '团队合计', en: 'Team' }, lang);
  const int = (header: Bilingual, value: (k: Kpi) => number): SheetColumn<Kpi> => ({ header, format: 'int', value });
  const pct = (header: Bilingual, value: (k: Kpi) => number | null): SheetColumn<Kpi> => ({ header, format: 'percent', value });
  const secs = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  // The rates with the counts they divide (the other counts are in the JSON): 17 columns print on A4 at ≥ 70 %.
  await addTableSheet(wb, name, lang, [
    { header: { zh: '客服', en: 'staff' }, value: (k) => (k === team ? teamLabel : k.staff) },
    int({ zh: '咨询量', en: 'consultations' }, (k) => k.consultations),
    { header: { zh: '差评', en: 'bad' }, format: 'int', value: (k) => k.badReviews, alert: (k) => k !== team && k.badReviews > 0 },
    pct({ zh: '客户满意度', en: 'satisfaction' }, (k) => k.satisfaction),
    { header: { zh: '平均首响秒数（在线时段）', en: 'avg first reply s (online hours)' }, format: 'number', value: (k) => secs(k.avgFirstReplySeconds) },
    { header: { zh: '平均首响秒数（全部）', en: 'avg first reply s (all)' }, format: 'number', value: (k) => secs(k.avgFirstReplySecondsAll) },
    pct({ zh: `${s}秒内回复占比`, en: `replies within ${s} s` }, (k) => k.shareWithinLimit),
    int({ zh: '来电数', en: 'calls' }, (k) => k.calls),
    pct({ zh: '电话接通率', en: 'answer rate' }, (k) => k.answerRate),
    int({ zh: `${n}声内接听`, en: `answered within ${n} rings` }, (k) => k.callsWithinRings),
    int({ zh: '留言数', en: 'messages' }, (k) => k.messages),
    pct({ zh: '留言按时处理率', en: 'messages on-time rate' }, (k) => k.messagesOnTimeRate),
    int({ zh: '应回访', en: 'follow-ups due' }, (k) => k.followUps),
    pct({ zh: '回访按时率', en: 'follow-up on-time rate' }, (k) => k.followUpsOnTimeRate),
    pct({ zh: '问题解决率', en: 'resolution rate' }, (k) => k.resolutionRate),
    int({ zh: '应发订单', en: 'orders due' }, (k) => k.orders),
    pct({ zh: '订单发货及时率', en: 'orders on-time rate' }, (k) => k.ordersOnTimeRate),
  ], [...rows, team], {
    footer: [
      [],
      [pick({ zh: '指标说明', en: 'Definitions' }, lang)],
      ...kpiDefinitions({ replyLimit: s, ringLimit: n }).map((d) => [pick(d.name, lang), pick(d.text, lang)]),
    ],
    title: name.zh === '服务指标' ? { zh: '客服服务指标', en: 'Service KPIs' } : name,
  });
}
