import rule from '../../src/rules/cs-data-1.js';
import { chat, report, ruleTester, t } from './tester.js';

const daily = (period: string, submitted: string | undefined, p: Partial<Parameters<typeof report>[0]> = {}) =>
  report({ kind: '日报', period: t(period), submitted_at: submitted === undefined ? undefined : t(submitted), ...p });
const consult = (at: string, p: Partial<Parameters<typeof chat>[0]> = {}) => chat({ received_at: t(at), ...p });

ruleTester(rule, {
  valid: [
    { name: 'submitted at exactly 10:00:00 the next working day', records: { consultations: [consult('2024-05-06 10:00')], reports: [daily('2024-05-06', '2024-05-07 10:00:00')] } },
    {
      name: 'one late row and one on time: met',
      records: { consultations: [consult('2024-05-06 10:00')], reports: [daily('2024-05-06', '2024-05-07 11:00:00'), daily('2024-05-06', '2024-05-07 09:00:00')] },
    },
    {
      name: 'Friday 10 May 18:30 belongs to Saturday 11 May: its report is due Monday 13 May 10:00',
      records: { consultations: [consult('2024-05-10 18:30')], reports: [daily('2024-05-11', '2024-05-13 10:00:00')] },
    },
    {
      name: 'consultations of 1–5 May belong to Monday 6 May: one report due Tuesday 7 May 10:00',
      records: { consultations: [consult('2024-05-01 10:00'), consult('2024-05-04 15:00'), consult('2024-05-06 09:00')], reports: [daily('2024-05-06', '2024-05-07 08:00:00')] },
    },
    { name: 'a 客服主管 has no daily report duty', records: { consultations: [consult('2024-05-06 10:00', { staff: '王五' })] } },
    { name: 'no consultation, no duty', records: { reports: [] } },
    { name: 'a deadline of 3 June is not May’s', records: { consultations: [consult('2024-05-31 10:00')] } },
  ],
  invalid: [
    {
      name: 'submitted at 10:00:01',
      records: { consultations: [consult('2024-05-06 10:00')], reports: [daily('2024-05-06', '2024-05-07 10:00:01')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-07T10:00:00', reason: '2024-05-06 的日报于 2024-05-07 10:00:01 提交，晚于截止 2024-05-07 10:00:00', messageId: 'late' }],
    },
    {
      name: 'missing: points at the first consultation of the day',
      records: { consultations: [consult('2024-05-06 15:00', { source: { row: 9 } }), consult('2024-05-06 09:30', { source: { row: 10 } })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-07T10:00:00', reason: '2024-05-06 的日报未提交（截止 2024-05-07 10:00:00）', messageId: 'missing', row: 10 }],
    },
    {
      name: 'on time but inaccurate (漏登/错登)',
      records: { consultations: [consult('2024-05-06 10:00')], reports: [daily('2024-05-06', '2024-05-07 09:00:00', { accurate: false })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-07T10:00:00', reason: '核对不准确', messageId: 'inaccurate' }],
    },
    {
      name: 'a row without submission time is not submitted',
      records: { consultations: [consult('2024-05-06 10:00')], reports: [daily('2024-05-06', undefined, { source: { row: 40 } })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-07T10:00:00', reason: '未提交', row: 40 }],
    },
    {
      name: 'Friday 10 May 18:30: the report for Friday does not cover Saturday 11 May',
      records: { consultations: [consult('2024-05-10 18:30')], reports: [daily('2024-05-10', '2024-05-11 09:00:00')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-13T10:00:00', reason: '2024-05-11 的日报未提交' }],
    },
    {
      name: 'the holiday’s consultations: the report for 6 May is due 7 May 10:00',
      records: { consultations: [consult('2024-05-02 10:00')], reports: [daily('2024-05-02', '2024-05-02 20:00:00')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-07T10:00:00', reason: '2024-05-06 的日报未提交' }],
    },
    {
      name: 'Tuesday 30 April’s report is due Monday 6 May 10:00 (counted in May)',
      records: { consultations: [consult('2024-04-30 10:00')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T10:00:00', reason: '2024-04-30 的日报未提交' }],
    },
    {
      name: 'every channel and exempt consultations create the duty; one violation per day',
      records: { consultations: [consult('2024-05-06 10:00', { channel: '留言', exempt: true, exempt_reason: 'x' }), consult('2024-05-06 11:00', { channel: '电话', rings: 1 })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-07T10:00:00', reason: '未提交' }],
    },
    {
      name: 'exempt when a row for the day is exempt',
      records: { consultations: [consult('2024-05-06 10:00')], reports: [daily('2024-05-06', '2024-05-07 15:00:00', { exempt: true, exempt_reason: '系统故障', source: { row: 50 } })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-07T10:00:00', reason: '晚于截止', exempt: true, row: 50 }],
    },
    {
      name: 'two people, two days',
      records: { consultations: [consult('2024-05-06 10:00'), consult('2024-05-07 10:00'), consult('2024-05-07 10:00', { staff: '李四' })], reports: [daily('2024-05-07', '2024-05-08 09:00')] },
      violations: [
        { staff: '张三', points: 1.5, date: '2024-05-07T10:00:00', reason: '2024-05-06' },
        { staff: '李四', points: 1.5, date: '2024-05-08T10:00:00', reason: '2024-05-07' },
      ],
    },
  ],
});

ruleTester(rule, {
  valid: [
    {
      name: 'as-of before the deadline: pending, not a violation',
      asOf: '2024-05-07 09:00:00',
      records: { consultations: [consult('2024-05-06 10:00')] },
      pending: [{ staff: '张三', deadline: '2024-05-07T10:00:00' }],
    },
  ],
  invalid: [
    {
      name: 'year boundary: 31 December’s report is due 2 January 10:00',
      month: '2025-01',
      records: { consultations: [consult('2024-12-31 10:00')], reports: [daily('2024-12-31', '2025-01-02 10:00:01')] },
      violations: [{ staff: '张三', points: 1.5, date: '2025-01-02T10:00:00', reason: '晚于截止 2025-01-02 10:00:00' }],
    },
  ],
});
