import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/calendar.js';
import { formatWall } from '../../src/core/time.js';
import type { Records } from '../../src/logs/declarations.js';
import { incidentRulesOf } from '../../src/regulation/index.js';
import type { Regulation } from '../../src/regulation/types.js';
import { scoreMonth, scoreToJson, type ScoreOptions } from '../../src/score/score.js';
import {
  call, chat, DEFAULT_STAFF, incident, meeting, message, presence, records, regulation, shipment, staffRecord, t,
} from '../rules/tester.js';

const calendar = createCalendar();

/** The default regulation with some rules turned off. */
function without(codes: string[], base: Regulation = regulation()): Regulation {
  const rules = Object.fromEntries(Object.entries(base.rules).map(([code, s]) => [code, codes.includes(code) ? { ...s, enabled: false } : s]));
  return { ...base, rules };
}

// The report duties (CS-DATA-1/2) charge every 客服 who files nothing; most tests here leave them out.
const QUIET = without(['CS-DATA-1', 'CS-DATA-2']);
const score = (partial: Partial<Records>, options: Partial<ScoreOptions> = {}) =>
  scoreMonth(records(partial), { regulation: QUIET, calendar, month: '2024-05', ...options });
const lead = (received: string, p: Partial<Parameters<typeof chat>[0]> = {}) => chat({ received_at: t(received), needs_follow_up: true, ...p });
const brief = (r: ReturnType<typeof score>) => r.violations.map((v) => ({ rule: v.rule, staff: v.staff, points: v.points, date: formatWall(v.date), exempt: v.exempt, ...(v.escalated ? { escalated: true } : {}) }));
const person = (r: ReturnType<typeof score>, name: string) => r.staff.find((s) => s.name === name);

describe('scoreMonth', () => {
  it('every person active in the month gets a row, in staff-list order, even with no deduction', () => {
    const r = score({
      staff: [
        ...DEFAULT_STAFF,
        staffRecord({ name: '钱七', role: '客服', active_to: t('2024-04-30') }),
        staffRecord({ name: '周九', role: '打包员', active_from: t('2024-05-31') }),
        staffRecord({ name: '吴十', role: '财务', active_to: t('2024-05-01') }),
      ],
    });
    expect(r.staff.map((s) => s.name)).toEqual(['张三', '李四', '王五', '赵六', '孙八', '周九', '吴十']);
    expect(r.staff[0]).toEqual({
      name: '张三', role: '客服', supervisor: '王五', deducted: 0, score: 100, passed: true, violations: 0,
      byGroup: { 'CS-ONLINE': 0, 'CS-REPLY': 0, 'CS-DATA': 0, 'CS-FOLLOW': 0, 'CS-DOCS': 0, 'CS-AFTER': 0, 'CS-MEET': 0, ED: 0, CW: 0, AR: 0, LD: 0 },
    });
    expect(r).toMatchObject({ month: '2024-05', baseScore: 100, passMark: 60, floor: 0, violations: [], pending: [], issues: [] });
    expect(formatWall(r.asOf)).toBe('2024-05-31T23:59:59');
  });

  it('someone charged who is not in the staff list, or no longer active, still gets a row', () => {
    const r = score({
      staff: [...DEFAULT_STAFF, staffRecord({ name: '钱七', role: '客服', active_to: t('2024-04-15') })],
      shipments: [shipment({ order_id: 'X', completed_at: t('2024-04-10 10:00'), staff: '钱七' })],
      meetings: [meeting({ meeting_at: t('2024-05-06 09:00'), staff: '路人甲' })],
    });
    expect(r.staff.slice(5).map((s) => [s.name, s.role, s.deducted])).toEqual([['路人甲', '', 0.5], ['钱七', '客服', 3]]);
  });

  it('sums decimals without float drift and scores base − sum', () => {
    const r = score({
      meetings: Array.from({ length: 7 }, (_, i) => meeting({ meeting_at: t(`2024-05-${String(6 + i).padStart(2, '0')} 09:00`) })),
      consultations: Array.from({ length: 3 }, (_, i) => message({ received_at: t(`2024-05-2${i} 10:00`), handled_at: undefined })),
      incidents: [incident({ date: t('2024-05-06'), rule: 'CS-REPLY-1', count: 3 }), incident({ date: t('2024-05-07'), rule: 'CS-REPLY-2', staff: '李四' })],
    });
    const z = person(r, '张三')!;
    expect(z.deducted).toBe(9.5); // 7 × 0.5 + 3 × 1.5 + 3 × 0.5
    expect(z.score).toBe(90.5);
    expect(z.violations).toBe(11);
    expect(z.byGroup).toMatchObject({ 'CS-MEET': 3.5, 'CS-ONLINE': 4.5, 'CS-REPLY': 1.5 });
    expect(person(r, '李四')).toMatchObject({ deducted: 0.5, score: 99.5, violations: 1 });
  });

  it('the score never goes below the floor; passed = score ≥ pass mark', () => {
    const r = score({
      incidents: [
        incident({ date: t('2024-05-06'), rule: 'CS-DATA-3', count: 11, staff: '李四' }),
        incident({ date: t('2024-05-06'), rule: 'CS-DATA-3', count: 4, staff: '张三' }),
        incident({ date: t('2024-05-06'), rule: 'CS-DATA-3', count: 4, staff: '孙八' }),
        incident({ date: t('2024-05-06'), rule: 'CS-REPLY-1', count: 1, staff: '孙八' }),
      ],
    });
    expect(person(r, '李四')).toMatchObject({ deducted: 110, score: 0, passed: false });
    expect(person(r, '张三')).toMatchObject({ deducted: 40, score: 60, passed: true });
    expect(person(r, '孙八')).toMatchObject({ deducted: 40.5, score: 59.5, passed: false });
    const floor: Regulation = { ...QUIET, floor: 20 };
    expect(person(score({ incidents: [incident({ date: t('2024-05-06'), rule: 'CS-DATA-3', count: 11 })] }, { regulation: floor }), '张三')).toMatchObject({ score: 20 });
  });

  it('escalation: from the 3rd violation of CS-FOLLOW-1 in the month, by date then source; exempt ones are skipped and count 0', () => {
    const r = score({
      consultations: [
        lead('2024-05-06 10:00', { source: { row: 30 } }), // due 7 May: 1st
        lead('2024-05-07 10:00', { source: { row: 31 }, exempt: true, exempt_reason: '客户拒接' }), // due 8 May: exempt, not counted
        lead('2024-05-08 11:00', { source: { row: 41 } }), // due 9 May, row 41: 3rd
        lead('2024-05-08 10:00', { source: { row: 40 } }), // due 9 May, row 40: 2nd
        lead('2024-05-09 10:00', { source: { row: 42 } }), // due 10 May: 4th
        lead('2024-05-09 10:00', { staff: '李四', source: { row: 43 } }), // another person: their 1st
      ],
    });
    expect(brief(r)).toEqual([
      { rule: 'CS-FOLLOW-1', staff: '张三', points: 0.5, date: '2024-05-07T23:59:59', exempt: false },
      { rule: 'CS-FOLLOW-1', staff: '张三', points: 0, date: '2024-05-08T23:59:59', exempt: true },
      { rule: 'CS-FOLLOW-1', staff: '张三', points: 0.5, date: '2024-05-09T23:59:59', exempt: false },
      { rule: 'CS-FOLLOW-1', staff: '张三', points: 1, date: '2024-05-09T23:59:59', exempt: false, escalated: true },
      { rule: 'CS-FOLLOW-1', staff: '张三', points: 1, date: '2024-05-10T23:59:59', exempt: false, escalated: true },
      { rule: 'CS-FOLLOW-1', staff: '李四', points: 0.5, date: '2024-05-10T23:59:59', exempt: false },
    ]);
    expect(r.violations.map((v) => v.source.row)).toEqual([30, 31, 40, 41, 42, 43]);
    expect(person(r, '张三')).toMatchObject({ deducted: 3, violations: 5 });
    expect(r.violations[1].exemptReason).toBe('客户拒接');
  });

  it('escalation counts within the month only', () => {
    const june = score({ consultations: [lead('2024-05-29 10:00'), lead('2024-05-30 10:00'), lead('2024-05-31 10:00'), lead('2024-06-03 10:00')] }, { month: '2024-06' });
    expect(brief(june).map((v) => v.points)).toEqual([0.5, 0.5]);
  });

  it('month attribution: a deadline of 31 May 23:59:59 is May’s, one of 3 June is June’s', () => {
    const data = { consultations: [lead('2024-05-30 10:00'), lead('2024-05-31 10:00')] };
    expect(brief(score(data)).map((v) => v.date)).toEqual(['2024-05-31T23:59:59']);
    expect(brief(score(data, { month: '2024-06' })).map((v) => v.date)).toEqual(['2024-06-03T23:59:59']);
  });

  it('as-of leaves out later violations and lists the open items due after it', () => {
    const r = score(
      {
        consultations: [
          lead('2024-05-17 10:00'), // due 20 May 23:59:59: after as-of, open → pending
          lead('2024-05-16 10:00'), // due 17 May: counted
          message({ received_at: t('2024-05-20 09:00'), handled_at: t('2024-05-20 11:00') }), // handled before as-of: nothing
          message({ received_at: t('2024-05-20 10:00'), handled_at: t('2024-05-20 21:00') }), // open at as-of → pending
          chat({ received_at: t('2024-05-20 13:00'), first_reply_seconds: 99 }), // after as-of: left out
        ],
      },
      { asOf: t('2024-05-20 12:00') },
    );
    expect(brief(r)).toEqual([{ rule: 'CS-FOLLOW-1', staff: '张三', points: 0.5, date: '2024-05-17T23:59:59', exempt: false }]);
    expect(r.pending.map((p) => [p.rule, p.staff, formatWall(p.deadline), formatWall(p.since)])).toEqual([
      ['CS-FOLLOW-1', '张三', '2024-05-20T23:59:59', '2024-05-17T10:00:00'],
      ['CS-ONLINE-4', '张三', '2024-05-20T23:59:59', '2024-05-20T10:00:00'],
    ]);
    expect(r.pending[1].reason.zh).toBe('留言 2024-05-20 10:00:00 尚未处理，截止 2024-05-20 23:59:59');
    expect(formatWall(r.asOf)).toBe('2024-05-20T12:00:00');
  });

  it('team and supervisor charges: one lunch absence without a switch breaks CS-ONLINE-1 and CS-ONLINE-2', () => {
    const r = score({ presence: [presence({ left_at: t('2024-05-06 12:00'), back_at: t('2024-05-06 12:10'), status_switched: false })] });
    expect(brief(r)).toEqual([
      { rule: 'CS-ONLINE-1', staff: '李四', points: 1, date: '2024-05-06T12:00:00', exempt: false },
      { rule: 'CS-ONLINE-1', staff: '张三', points: 1, date: '2024-05-06T12:00:00', exempt: false },
      { rule: 'CS-ONLINE-2', staff: '王五', points: 2, date: '2024-05-06T12:00:00', exempt: false },
      { rule: 'CS-ONLINE-2', staff: '张三', points: 1, date: '2024-05-06T12:00:00', exempt: false },
    ]);
    expect(r.staff.slice(0, 3).map((s) => [s.name, s.deducted, s.byGroup['CS-ONLINE']])).toEqual([['张三', 2, 2], ['李四', 1, 1], ['王五', 2, 2]]);
  });

  it('exemption propagates to every derived charge, which count 0 but are listed', () => {
    const r = score({ presence: [presence({ left_at: t('2024-05-06 12:00'), back_at: t('2024-05-06 12:10'), status_switched: false, exempt: true, exempt_reason: '系统故障' })] });
    expect(r.violations.every((v) => v.exempt && v.points === 0 && v.exemptReason === '系统故障')).toBe(true);
    expect(r.violations).toHaveLength(4);
    expect(r.staff.slice(0, 3).map((s) => [s.name, s.deducted, s.violations])).toEqual([['张三', 0, 2], ['李四', 0, 1], ['王五', 0, 1]]);
  });

  it('violations are sorted by date, then source', () => {
    const r = score({
      consultations: [chat({ received_at: t('2024-05-08 10:00'), first_reply_seconds: 50 }), call({ received_at: t('2024-05-06 10:00'), rings: 20, source: { row: 90 } })],
      meetings: [meeting({ meeting_at: t('2024-05-06 10:00') })],
    });
    expect(r.violations.map((v) => [v.rule, formatWall(v.date), v.source.file])).toEqual([
      ['CS-REPLY-4', '2024-05-06T10:00:00', 'consultations.xlsx'],
      ['CS-MEET-1', '2024-05-06T10:00:00', 'meetings.xlsx'],
      ['CS-REPLY-3', '2024-05-08T10:00:00', 'consultations.xlsx'],
    ]);
  });

  it('CS-AFTER-3 charges an order unshipped over two month ends twice: once in May, once in June', () => {
    const data = { shipments: [shipment({ order_id: 'N1', completed_at: t('2024-04-20 10:00') })] };
    const may = score(data);
    const june = score(data, { month: '2024-06' });
    expect(brief(may).filter((v) => v.rule === 'CS-AFTER-3').map((v) => v.date)).toEqual(['2024-05-07T23:59:59']);
    expect(brief(june).filter((v) => v.rule === 'CS-AFTER-3').map((v) => v.date)).toEqual(['2024-06-07T23:59:59']);
    expect(may.unshipped.map((u) => u.orderId)).toEqual(['N1']);
  });

  it('a disabled rule raises nothing', () => {
    const off = without(['CS-REPLY-3', 'ED-3'], QUIET);
    const r = score(
      {
        consultations: [chat({ received_at: t('2024-05-06 10:00'), first_reply_seconds: 300 })],
        incidents: [incident({ date: t('2024-05-06'), rule: 'ED-3' })],
      },
      { regulation: off },
    );
    expect(r.violations).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('regulation points and parameters apply', () => {
    const reg = QUIET;
    const custom: Regulation = { ...reg, rules: { ...reg.rules, 'CS-REPLY-3': { ...reg.rules['CS-REPLY-3'], points: 2, params: { max_seconds: 30 } } } };
    const r = score({ consultations: [chat({ received_at: t('2024-05-06 10:00'), first_reply_seconds: 31 })] }, { regulation: custom });
    expect(brief(r)).toEqual([{ rule: 'CS-REPLY-3', staff: '张三', points: 2, date: '2024-05-06T10:00:00', exempt: false }]);
  });

  it('with every rule on, the report duties charge each 客服 who files nothing', () => {
    const r = scoreMonth(records({ consultations: [chat({ received_at: t('2024-05-06 10:00') })] }), { regulation: regulation(), calendar, month: '2024-05' });
    expect(brief(r).map((v) => [v.rule, v.staff, v.date])).toEqual([
      ['CS-DATA-1', '张三', '2024-05-07T10:00:00'],
      ['CS-DATA-2', '张三', '2024-05-10T23:59:59'],
      ['CS-DATA-2', '李四', '2024-05-10T23:59:59'],
      ['CS-DATA-2', '张三', '2024-05-17T23:59:59'],
      ['CS-DATA-2', '李四', '2024-05-17T23:59:59'],
      ['CS-DATA-2', '张三', '2024-05-24T23:59:59'],
      ['CS-DATA-2', '李四', '2024-05-24T23:59:59'],
      ['CS-DATA-2', '张三', '2024-05-31T23:59:59'],
      ['CS-DATA-2', '李四', '2024-05-31T23:59:59'],
    ]);
    expect(r.staff.slice(0, 2).map((s) => [s.name, s.deducted, s.byGroup['CS-DATA']])).toEqual([['张三', 3.5, 3.5], ['李四', 2, 2]]);
  });

  it('a bad month is a usage error', () => {
    expect(() => score({}, { month: '2024-13' })).toThrow(/month "2024-13" is not YYYY-MM/);
  });

  it('KPIs per 客服', () => {
    const r = score({
      consultations: [
        chat({ received_at: t('2024-05-06 10:00'), first_reply_seconds: 20 }),
        chat({ received_at: t('2024-05-06 11:00'), first_reply_seconds: 46 }),
        chat({ received_at: t('2024-05-06 12:00'), first_reply_seconds: 45, rating: '差评' }),
        chat({ received_at: t('2024-05-06 23:30'), first_reply_seconds: 999 }), // outside online hours: not in the reply KPIs
        // (the two follow-up chats below reply in 10 s: average (20 + 46 + 45 + 10 + 10) / 5 = 26.2)
        call({ received_at: t('2024-05-06 10:00'), rings: 10 }),
        call({ received_at: t('2024-05-06 10:30'), rings: 11 }),
        call({ received_at: t('2024-05-06 10:40'), answered: false, rings: undefined }),
        message({ received_at: t('2024-05-06 10:00'), handled_at: t('2024-05-06 12:00') }),
        message({ received_at: t('2024-05-31 19:00'), handled_at: undefined }), // due 3 June: not May's
        chat({ received_at: t('2024-05-07 10:00'), needs_follow_up: true, follow_up_at: t('2024-05-08 10:00') }),
        chat({ received_at: t('2024-05-07 10:00'), needs_follow_up: true }),
        chat({ received_at: t('2024-04-30 10:00'), staff: '李四' }),
      ],
      shipments: [
        shipment({ order_id: 'O1', completed_at: t('2024-05-06 10:00'), shipped_at: t('2024-05-07 10:00') }),
        shipment({ order_id: 'O2', completed_at: t('2024-05-06 10:00'), shipped_at: t('2024-05-09 10:00') }),
      ],
    });
    // Hand-computed: 5 chats within online hours (20 + 46 + 45 + 10 + 10 = 131 s), the 23:30 one besides (999 s);
    // 2 of 3 calls answered, 1 within 10 rings; the 31 May message counts as received, not as due; 4 needing
    // handling (2 messages, 2 follow-ups), 2 handled.
    expect(r.kpis).toEqual([
      {
        staff: '张三', consultations: 11, goodReviews: 0, neutralReviews: 0, badReviews: 1, satisfaction: 0,
        chats: 5, replySeconds: 131, avgFirstReplySeconds: 26.2, allChats: 6, allReplySeconds: 1130, avgFirstReplySecondsAll: 188.33,
        replyLimitSeconds: 45, repliesWithinLimit: 4, shareWithinLimit: 0.8,
        calls: 3, callsAnswered: 2, answerRate: 0.6667, ringLimit: 10, callsWithinRings: 1,
        messages: 1, messagesOnTime: 1, messagesOnTimeRate: 1, followUps: 2, followUpsOnTime: 1, followUpsOnTimeRate: 0.5,
        needHandling: 4, handled: 2, resolutionRate: 0.5, orders: 2, ordersOnTime: 1, ordersOnTimeRate: 0.5,
      },
      {
        staff: '李四', consultations: 0, goodReviews: 0, neutralReviews: 0, badReviews: 0, satisfaction: null,
        chats: 0, replySeconds: 0, avgFirstReplySeconds: null, allChats: 0, allReplySeconds: 0, avgFirstReplySecondsAll: null,
        replyLimitSeconds: 45, repliesWithinLimit: 0, shareWithinLimit: null,
        calls: 0, callsAnswered: 0, answerRate: null, ringLimit: 10, callsWithinRings: 0,
        messages: 0, messagesOnTime: 0, messagesOnTimeRate: null, followUps: 0, followUpsOnTime: 0, followUpsOnTimeRate: null,
        needHandling: 0, handled: 0, resolutionRate: null, orders: 0, ordersOnTime: 0, ordersOnTimeRate: null,
      },
    ]);
    // The team: the counts summed, the rates computed again from them.
    expect(r.teamKpi).toMatchObject({ staff: '', consultations: 11, chats: 5, avgFirstReplySeconds: 26.2, answerRate: 0.6667, resolutionRate: 0.5, satisfaction: 0 });
  });

  it('lists the orders completed and not fully shipped at the month’s last instant', () => {
    const r = score({
      shipments: [
        shipment({ order_id: 'U1', completed_at: t('2024-05-30 10:00'), shipped_at: t('2024-05-31 10:00'), sku: 'A', qty: 1, source: { row: 70 } }),
        shipment({ order_id: 'U1', completed_at: t('2024-05-30 10:00'), shipped_at: t('2024-06-01 10:00'), sku: 'B', qty: 2, source: { row: 71 } }),
        shipment({ order_id: 'U2', completed_at: t('2024-05-31 23:59:59'), sku: 'C', qty: 3, staff: '李四', exempt: true, exempt_reason: '预售' }),
        shipment({ order_id: 'S1', completed_at: t('2024-05-30 10:00'), shipped_at: t('2024-05-31 23:59:59') }),
        shipment({ order_id: 'J1', completed_at: t('2024-06-01 00:00:00') }),
      ],
    });
    expect(r.unshipped.map((u) => ({ ...u, completedAt: formatWall(u.completedAt), lastShippedAt: u.lastShippedAt && formatWall(u.lastShippedAt) }))).toEqual([
      { orderId: 'U1', staff: '张三', completedAt: '2024-05-30T10:00:00', lastShippedAt: '2024-05-31T10:00:00', lines: 2, unshippedLines: 1, unshippedQty: 2, skus: ['B'], exempt: false, source: { file: 'shipments.xlsx', sheet: 'Sheet1', row: 70 } },
      { orderId: 'U2', staff: '李四', completedAt: '2024-05-31T23:59:59', lastShippedAt: undefined, lines: 1, unshippedLines: 1, unshippedQty: 3, skus: ['C'], exempt: true, source: expect.any(Object) },
    ]);
  });

  it('LD-3 hints: direct reports who failed this month and in an earlier month of the history', () => {
    const r = score(
      { incidents: [incident({ date: t('2024-05-06'), rule: 'CS-DATA-3', count: 5, staff: '张三' }), incident({ date: t('2024-05-06'), rule: 'CS-DATA-3', count: 5, staff: '李四' })] },
      {
        history: [
          { month: '2024-03', staff: [{ name: '张三', passed: false }, { name: '李四', passed: true }] },
          { month: '2024-04', staff: [{ name: '张三', passed: false }] },
          { month: '2024-06', staff: [{ name: '李四', passed: false }] }, // later than the month: ignored
        ],
      },
    );
    expect(r.ld3Hints).toEqual([{ supervisor: '王五', staff: '张三', failedMonths: ['2024-03', '2024-04', '2024-05'] }]);
  });

  it('scoreToJson gives the JSON of docs/outputs.md#json', () => {
    const r = score({ consultations: [chat({ received_at: t('2024-05-06 10:00'), first_reply_seconds: 62 })] });
    const json = scoreToJson(r, 'zh');
    expect(json).toMatchObject({
      month: '2024-05',
      asOf: '2024-05-31T23:59:59',
      baseScore: 100,
      passMark: 60,
      violations: [{ rule: 'CS-REPLY-3', staff: '张三', points: 1, date: '2024-05-06T10:00:00', exempt: false, reason: '首次回复 62 秒 > 45 秒', source: { file: 'consultations.xlsx', sheet: 'Sheet1' } }],
    });
    expect(json.staff[0]).toMatchObject({ name: '张三', role: '客服', deducted: 1, score: 99, passed: true, violations: 1 });
    expect(scoreToJson(r, 'en').violations[0].reason).toBe('first reply after 62 s > 45 s');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('incidentRulesOf', () => {
  it('gives every clause with its points, whether it is on and whether incidents may name it', () => {
    const map = incidentRulesOf(regulation());
    expect(map.get('ED-5')).toEqual({ points: [2, 4], enabled: true, manual: true });
    expect(map.get('CS-REPLY-1')).toEqual({ points: 0.5, enabled: true, manual: true });
    expect(map.get('CS-REPLY-3')).toMatchObject({ manual: false });
    expect([...map.values()].filter((r) => r.manual)).toHaveLength(17);
  });
});
