import rule from '../../src/rules/cs-follow-1.js';
import { chat, ruleTester, t } from './tester.js';

const lead = (received: string, followed: string | undefined, p: Partial<Parameters<typeof chat>[0]> = {}) =>
  chat({ received_at: t(received), needs_follow_up: true, follow_up_at: followed === undefined ? undefined : t(followed), ...p });

ruleTester(rule, {
  valid: [
    { name: 'followed up at 23:59:59 of the next working day', records: { consultations: [lead('2024-05-06 10:00', '2024-05-07 23:59:59')] } },
    { name: 'no follow-up needed', records: { consultations: [lead('2024-05-06 10:00', undefined, { needs_follow_up: false })] } },
    { name: 'Friday 10 May 18:30 → Saturday 11 May → due Monday 13 May', records: { consultations: [lead('2024-05-10 18:30', '2024-05-13 23:59:59')] } },
    { name: 'Friday 10 May 17:59:59 → due Saturday 11 May (make-up)', records: { consultations: [lead('2024-05-10 17:59:59', '2024-05-11 23:59:59')] } },
    { name: 'holiday 1–5 May → Monday 6 May → due Tuesday 7 May', records: { consultations: [lead('2024-05-03 10:00', '2024-05-07 20:00')] } },
    { name: 'Friday 31 May → due Monday 3 June: not May’s', records: { consultations: [lead('2024-05-31 10:00', undefined)] } },
  ],
  invalid: [
    {
      name: 'followed up at 00:00:00 two days later',
      records: { consultations: [lead('2024-05-06 10:00', '2024-05-08 00:00:00')] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-07T23:59:59', reason: '2024-05-06 10:00:00 的咨询于 2024-05-08 00:00:00 回访，晚于截止 2024-05-07 23:59:59', messageId: 'late' }],
    },
    {
      name: 'never followed up',
      records: { consultations: [lead('2024-05-06 10:00', undefined)] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-07T23:59:59', reason: '未回访（截止 2024-05-07 23:59:59）', messageId: 'missing' }],
    },
    {
      name: 'Friday 10 May 17:59:59, followed up Monday 13 May: late for Saturday 11 May',
      records: { consultations: [lead('2024-05-10 17:59:59', '2024-05-13 09:00')] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-11T23:59:59', reason: '晚于截止 2024-05-11 23:59:59' }],
    },
    {
      name: 'Thursday 30 May → due Friday 31 May 23:59:59: May’s',
      records: { consultations: [lead('2024-05-30 10:00', '2024-06-01 09:00')] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-31T23:59:59', reason: '晚于截止 2024-05-31 23:59:59' }],
    },
    {
      name: 'points are per violation here; escalation is the score engine’s (see test/score)',
      records: { consultations: [lead('2024-05-06 10:00', undefined), lead('2024-05-07 10:00', undefined), lead('2024-05-08 10:00', undefined)] },
      violations: [
        { staff: '张三', points: 0.5, date: '2024-05-07T23:59:59', reason: '未回访' },
        { staff: '张三', points: 0.5, date: '2024-05-08T23:59:59', reason: '未回访' },
        { staff: '张三', points: 0.5, date: '2024-05-09T23:59:59', reason: '未回访' },
      ],
    },
    {
      name: 'exempt',
      records: { consultations: [lead('2024-05-06 10:00', undefined, { exempt: true, exempt_reason: '客户拒接' })] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-07T23:59:59', reason: '未回访', exempt: true }],
    },
  ],
});

ruleTester(rule, {
  valid: [],
  invalid: [
    {
      name: 'June: Friday 31 May → due Monday 3 June',
      month: '2024-06',
      records: { consultations: [lead('2024-05-31 10:00', undefined)] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-06-03T23:59:59', reason: '未回访' }],
    },
    {
      name: 'January 2025: 31 December 2024 → due 2 January 2025',
      month: '2025-01',
      records: { consultations: [lead('2024-12-31 10:00', '2025-01-03 08:00')] },
      violations: [{ staff: '张三', points: 0.5, date: '2025-01-02T23:59:59', reason: '晚于截止 2025-01-02 23:59:59' }],
    },
  ],
});
