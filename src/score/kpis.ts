/**
 * The service KPIs the regulation names for customer service (服务指标): per 客服 and for the team. Counts
 * come from the consultations' pass and the orders; each rate is its two counts divided (0–1, four decimals,
 * null when nothing was due), so a team's or a year's rates are computed again from summed counts, never
 * averaged. KPI_DEFINITIONS says, in words, what each one counts; the workbooks print them beside the figures.
 */
import type { Bilingual } from '../core/lang.js';
import type { Wall } from '../core/time.js';
import type { Records } from '../logs/declarations.js';
import type { Regulation } from '../regulation/types.js';
import type { Calendar } from '../calendar/calendar.js';
import { shippingDeadline } from '../rules/cs-after-1.js';
import { isShippedBy, ordersOf } from '../rules/support.js';
import type { StaffDirectory } from '../rules/index.js';
import { kpiLimits, zeroKpi, type ConsultationKpi } from './consultations.js';
import { compareNames } from '../core/collections.js';

/** Counts of one person (or the team) that the rates divide. */
export interface KpiCounts extends ConsultationKpi {
  /** Orders charged to the person whose shipping deadline falls in the month (up to as-of), and those shipped by it. */
  orders: number;
  ordersOnTime: number;
}

/** Service KPIs of one customer-service person, or of the team (staff ''). */
export interface Kpi extends KpiCounts {
  staff: string;
  replyLimitSeconds: number;
  ringLimit: number;
  /** 客户满意度: 好评 ÷ consultations rated. */
  satisfaction: number | null;
  /** 平均响应时间, seconds: chats received within online hours, and all chats. */
  avgFirstReplySeconds: number | null;
  avgFirstReplySecondsAll: number | null;
  /** Chats within online hours answered within the reply limit, as a share. */
  shareWithinLimit: number | null;
  /** 电话接通率: calls within online hours answered. */
  answerRate: number | null;
  /** 留言按时处理率, 回访按时率, 订单发货及时率. */
  messagesOnTimeRate: number | null;
  followUpsOnTimeRate: number | null;
  ordersOnTimeRate: number | null;
  /** 问题解决率: consultations that needed handling (messages, follow-ups) that were handled. */
  resolutionRate: number | null;
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
const rate = (part: number, whole: number) => (whole ? round(part / whole, 4) : null);

/** The rates of a row of counts. */
export function withRates(staff: string, c: KpiCounts, limits: { replyLimit: number; ringLimit: number }): Kpi {
  const rated = c.goodReviews + c.neutralReviews + c.badReviews;
  return {
    staff,
    ...c,
    replyLimitSeconds: limits.replyLimit,
    ringLimit: limits.ringLimit,
    satisfaction: rate(c.goodReviews, rated),
    avgFirstReplySeconds: c.chats ? round(c.replySeconds / c.chats, 2) : null,
    avgFirstReplySecondsAll: c.allChats ? round(c.allReplySeconds / c.allChats, 2) : null,
    shareWithinLimit: rate(c.repliesWithinLimit, c.chats),
    answerRate: rate(c.callsAnswered, c.calls),
    messagesOnTimeRate: rate(c.messagesOnTime, c.messages),
    followUpsOnTimeRate: rate(c.followUpsOnTime, c.followUps),
    ordersOnTimeRate: rate(c.ordersOnTime, c.orders),
    resolutionRate: rate(c.handled, c.needHandling),
  };
}

const zeroCounts = (): KpiCounts => ({ ...zeroKpi(), orders: 0, ordersOnTime: 0 });
const COUNT_KEYS = Object.keys(zeroCounts()) as (keyof KpiCounts)[];

/** The counts of rows summed (a team, or one person's months). */
export function sumCounts(rows: Iterable<KpiCounts>): KpiCounts {
  const out = zeroCounts();
  for (const r of rows) for (const k of COUNT_KEYS) out[k] += r[k] ?? 0;
  return out;
}

/** The team's row: every person's counts summed, the rates computed again. */
export function teamKpi(rows: readonly Kpi[], regulation: Regulation): Kpi {
  return withRates('', sumCounts(rows), kpiLimits(regulation));
}

/**
 * One row per 客服 active in the month and per person with consultations in it; the orders count for people who
 * have a row. Sorted in staff-list order.
 */
export function monthKpis(
  records: Records,
  consultations: ReadonlyMap<string, ConsultationKpi>,
  options: { regulation: Regulation; calendar: Calendar },
  staff: StaffDirectory,
  window: { start: Wall; end: Wall },
  monthEnd: Wall,
): Kpi[] {
  const inWindow = (t: Wall) => t >= window.start && t <= window.end;
  const out = new Map<string, KpiCounts>();
  const row = (name: string) => {
    let k = out.get(name);
    if (!k) out.set(name, (k = { ...zeroCounts(), ...consultations.get(name) }));
    return k;
  };
  for (const s of staff.activeIn(window.start, monthEnd)) if (s.role === '客服') row(s.name);
  for (const name of consultations.keys()) row(name);
  for (const order of ordersOf(records.shipments)) {
    const deadline = shippingDeadline(options.calendar, order);
    const k = inWindow(deadline) ? out.get(order.first.staff) : undefined;
    if (!k) continue;
    k.orders++;
    if (isShippedBy(order, deadline)) k.ordersOnTime++;
  }
  const limits = kpiLimits(options.regulation);
  const order = new Map(staff.list.map((s, i) => [s.name, i]));
  return [...out]
    .map(([name, c]) => withRates(name, c, limits))
    .sort((a, b) => (order.get(a.staff) ?? Infinity) - (order.get(b.staff) ?? Infinity) || compareNames(a.staff, b.staff));
}

/** What each KPI counts, in words, for the workbooks (reply and ring limits filled in). */
export function kpiDefinitions(limits: { replyLimit: number; ringLimit: number }): { name: Bilingual; text: Bilingual }[] {
  const { replyLimit: s, ringLimit: n } = limits;
  return [
    { name: { zh: '客户满意度', en: 'Satisfaction' }, text: { zh: '好评数 ÷ 有评价的咨询数（好评 + 中评 + 差评），按咨询时间计入当月', en: 'good reviews ÷ consultations rated (good + neutral + bad), by the month received' } },
    { name: { zh: '平均响应时间', en: 'Average first reply' }, text: { zh: `旺旺咨询的首次响应秒数平均：「在线时间」只算在线时段内收到的咨询（考核 ${s} 秒的那些），「全部」含在线时段外的`, en: `mean first-reply seconds of chats: "online hours" counts chats received within them (those held to ${s} s), "all" every chat` } },
    { name: { zh: `${s}秒内回复占比`, en: `Replies within ${s} s` }, text: { zh: `在线时段内的旺旺咨询中，首次响应不超过 ${s} 秒的比例`, en: `share of chats within online hours first answered within ${s} s` } },
    { name: { zh: '电话接通率', en: 'Call answer rate' }, text: { zh: `在线时段内的来电中接听的比例（另列 ${n} 声内接听数）`, en: `share of calls within online hours that were answered (calls answered within ${n} rings listed too)` } },
    { name: { zh: '留言按时处理率', en: 'Messages on time' }, text: { zh: '截止时间在当月的留言中，截止前处理完的比例（18 点前的留言当天，之后的次一工作日 12 点）', en: 'messages due in the month handled by their deadline (same day before 18:00, else 12:00 the next working day)' } },
    { name: { zh: '回访按时率', en: 'Follow-ups on time' }, text: { zh: '截止时间在当月的需回访咨询中，次一工作日内回访的比例', en: 'follow-ups due in the month done by the end of the next working day' } },
    { name: { zh: '问题解决率', en: 'Resolution rate' }, text: { zh: '当月收到、需要处理的咨询（留言、需回访）中，到考核截止时已处理完（留言有处理完成时间，需回访的已回访）的比例，不论是否按时', en: 'consultations received in the month that needed handling (messages, follow-ups) and were handled by the as-of (a message has its handled time, a follow-up was done), on time or not' } },
    { name: { zh: '订单发货及时率', en: 'Orders shipped on time' }, text: { zh: '发货期限在当月的订单中，流程结束后一个工作日内发完的比例，计入订单第一行的负责人', en: 'orders due in the month fully shipped within one working day of completing, charged to the staff of their first row' } },
  ];
}
