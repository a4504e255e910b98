import rule from '../../src/rules/ed-1.js';
import { listing, ruleTester, t } from './tester.js';

const up = (notified: string, done: string | undefined, p: Partial<Parameters<typeof listing>[0]> = {}) =>
  listing({ kind: '上线', notified_at: t(notified), done_at: done === undefined ? undefined : t(done), ...p });

ruleTester(rule, {
  valid: [
    { name: 'listed at 23:59:59 of the next calendar day', records: { listings: [up('2024-05-06 15:00', '2024-05-07 23:59:59')] } },
    { name: 'calendar days, not working days: notified Saturday 4 May, listed Sunday 5 May', records: { listings: [up('2024-05-04 15:00', '2024-05-05 23:00')] } },
    { name: 'a special offer listed exactly 2 h later', records: { listings: [up('2024-05-06 10:00', '2024-05-06 12:00:00', { special: true })] } },
    { name: 'updates are ED-2’s', records: { listings: [up('2024-05-06 10:00', undefined, { kind: '更新' })] } },
    { name: 'notified 31 May: due 1 June, not May’s', records: { listings: [up('2024-05-31 10:00', undefined)] } },
  ],
  invalid: [
    {
      name: 'listed at 00:00:00 two days later',
      records: { listings: [up('2024-05-06 15:00', '2024-05-08 00:00:00', { product: '连衣裙A' })] },
      violations: [{ staff: '赵六', points: 5, date: '2024-05-07T23:59:59', reason: '连衣裙A 于 2024-05-06 15:00:00 通知上线，2024-05-08 00:00:00 才上线，晚于截止 2024-05-07 23:59:59', messageId: 'late' }],
    },
    {
      name: 'not listed',
      records: { listings: [up('2024-05-04 15:00', undefined)] },
      violations: [{ staff: '赵六', points: 5, date: '2024-05-05T23:59:59', reason: '未上线（截止 2024-05-05 23:59:59）', messageId: 'not_done' }],
    },
    {
      name: 'a special offer listed 2 h 0 min 1 s later',
      records: { listings: [up('2024-05-06 10:00', '2024-05-06 12:00:01', { special: true })] },
      violations: [{ staff: '赵六', points: 5, date: '2024-05-06T12:00:00', reason: '特价 P-1 于 2024-05-06 10:00:00 通知，2024-05-06 12:00:01 才上线，超过 2 小时', messageId: 'special_late' }],
    },
    {
      name: 'a special offer never listed',
      records: { listings: [up('2024-05-06 10:00', undefined, { special: true })] },
      violations: [{ staff: '赵六', points: 5, date: '2024-05-06T12:00:00', reason: '2 小时内未上线', messageId: 'special_not_done' }],
    },
    {
      name: 'notified 30 May: due 31 May 23:59:59 (May’s)',
      records: { listings: [up('2024-05-30 10:00', undefined)] },
      violations: [{ staff: '赵六', points: 5, date: '2024-05-31T23:59:59', reason: '未上线' }],
    },
    {
      name: 'exempt',
      records: { listings: [up('2024-05-06 10:00', undefined, { exempt: true, exempt_reason: '图片未到' })] },
      violations: [{ staff: '赵六', points: 5, date: '2024-05-07T23:59:59', reason: '未上线', exempt: true }],
    },
  ],
});
