import rule from '../../src/rules/cs-data-2.js';
import { report, ruleTester, staffRecord, t } from './tester.js';

const weekly = (period: string, submitted: string | undefined, p: Partial<Parameters<typeof report>[0]> = {}) =>
  report({ kind: '周总结', period: t(period), submitted_at: submitted === undefined ? undefined : t(submitted), ...p });
const ONE = [staffRecord({ name: '张三', role: '客服', source: { row: 7 } }), staffRecord({ name: '王五', role: '客服主管' })];
// May 2024: weeks due Fri 10, 17, 24 and 31 May (week 18's Friday 3 May is a holiday: due Tue 30 April, in April).
const MAY_ON_TIME = [weekly('2024-05-10', '2024-05-10 23:59:59'), weekly('2024-05-13', '2024-05-17 17:00'), weekly('2024-05-24', '2024-05-24 09:00'), weekly('2024-05-27', '2024-05-31 18:00')];

ruleTester(rule, {
  valid: [
    { name: 'every week on time (period: any day of the week)', records: { staff: ONE, reports: MAY_ON_TIME } },
    {
      name: 'a 周总结 of week 18 is not needed in May (due 30 April)',
      records: { staff: ONE, reports: MAY_ON_TIME },
    },
    {
      name: 'someone who joined on 1 June has no duty in May',
      records: { staff: [...ONE, staffRecord({ name: '钱七', role: '客服', active_from: t('2024-06-01') })], reports: MAY_ON_TIME },
    },
    {
      name: 'an inaccurate summary still counts',
      records: { staff: ONE, reports: [...MAY_ON_TIME.slice(1), weekly('2024-05-06', '2024-05-10 20:00', { accurate: false })] },
    },
    {
      name: 'February 2024: no duty in the Spring Festival week (12–16 Feb off; the make-up Sunday 18 Feb changes nothing)',
      month: '2024-02',
      records: { staff: ONE, reports: [weekly('2024-02-02', '2024-02-02 18:00'), weekly('2024-02-09', '2024-02-09 18:00'), weekly('2024-02-23', '2024-02-23 18:00')] },
    },
    {
      name: 'as-of before Friday: the open week is pending',
      asOf: '2024-05-29 12:00:00',
      records: { staff: ONE, reports: MAY_ON_TIME.slice(0, 3) },
      pending: [{ staff: '张三', deadline: '2024-05-31T23:59:59' }],
    },
  ],
  invalid: [
    {
      name: 'a missing week: charged at the Friday, pointing at the staff row',
      records: { staff: ONE, reports: MAY_ON_TIME.slice(1) },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-10T23:59:59', reason: '2024-W19 (2024-05-06) 周工作总结未提交（截止 2024-05-10 23:59:59）', messageId: 'missing', row: 7 }],
    },
    {
      name: 'submitted on Saturday 00:00:00',
      records: { staff: ONE, reports: [...MAY_ON_TIME.slice(1), weekly('2024-05-06', '2024-05-11 00:00:00')] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-10T23:59:59', reason: '于 2024-05-11 00:00:00 提交', messageId: 'late' }],
    },
    {
      name: 'exempt when a row of the week is exempt',
      records: { staff: ONE, reports: [...MAY_ON_TIME.slice(0, 3), weekly('2024-05-30', undefined, { exempt: true, exempt_reason: '出差' })] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-31T23:59:59', reason: '未提交', exempt: true }],
    },
    {
      name: 'a 客服 who left on 20 May owes weeks due before',
      records: { staff: [...ONE, staffRecord({ name: '钱七', role: '客服', active_to: t('2024-05-20') })], reports: MAY_ON_TIME },
      violations: [
        { staff: '钱七', points: 0.5, date: '2024-05-10T23:59:59', reason: '2024-W19' },
        { staff: '钱七', points: 0.5, date: '2024-05-17T23:59:59', reason: '2024-W20' },
      ],
    },
    {
      name: 'April 2024: the Qingming week (Thu 4, Fri 5 April off) is due Wednesday 3 April',
      month: '2024-04',
      records: {
        staff: ONE,
        reports: [weekly('2024-04-05', '2024-04-05 10:00'), weekly('2024-04-12', '2024-04-12 18:00'), weekly('2024-04-19', '2024-04-19 18:00'), weekly('2024-04-26', '2024-04-26 18:00'), weekly('2024-04-30', '2024-04-30 23:59:59')],
      },
      violations: [{ staff: '张三', points: 0.5, date: '2024-04-03T23:59:59', reason: '2024-W14 (2024-04-01) 周工作总结于 2024-04-05 10:00:00 提交，晚于截止 2024-04-03 23:59:59' }],
    },
    {
      name: 'April 2024: week 18 (Fri 3 May a holiday) is due Tuesday 30 April; the make-up Sunday 28 April changes nothing for week 17',
      month: '2024-04',
      records: {
        staff: ONE,
        reports: [weekly('2024-04-03', '2024-04-03 18:00'), weekly('2024-04-12', '2024-04-12 18:00'), weekly('2024-04-19', '2024-04-19 18:00'), weekly('2024-04-28', '2024-04-28 10:00'), weekly('2024-05-03', '2024-05-01 10:00')],
      },
      violations: [
        { staff: '张三', points: 0.5, date: '2024-04-26T23:59:59', reason: '2024-W17' },
        { staff: '张三', points: 0.5, date: '2024-04-30T23:59:59', reason: '2024-W18 (2024-04-29) 周工作总结于 2024-05-01 10:00:00 提交' },
      ],
    },
  ],
});
