import rule from '../../src/rules/cs-after-2.js';
import { returnRow, ruleTester, t } from './tester.js';

const req = (requested: string, registered: string | undefined, p: Partial<Parameters<typeof returnRow>[0]> = {}) =>
  returnRow({ requested_at: t(requested), registered_at: registered === undefined ? undefined : t(registered), ...p });

ruleTester(rule, {
  valid: [
    { name: 'registered at 23:59:59 of the next working day', records: { returns: [req('2024-05-06 10:00', '2024-05-07 23:59:59')] } },
    { name: 'requested on holiday 1 May: due Monday 6 May', records: { returns: [req('2024-05-01 10:00', '2024-05-06 23:59:59')] } },
    { name: 'requested Friday 10 May: due make-up Saturday 11 May', records: { returns: [req('2024-05-10 10:00', '2024-05-11 23:00')] } },
  ],
  invalid: [
    {
      name: 'registered at 00:00:00 two days later',
      records: { returns: [req('2024-05-06 10:00', '2024-05-08 00:00:00', { order_id: 'R9' })] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-07T23:59:59', reason: '订单 R9 的退货申请（2024-05-06 10:00:00）于 2024-05-08 00:00:00 登记，晚于截止 2024-05-07 23:59:59', messageId: 'late' }],
    },
    {
      name: 'a refund (退款) never registered',
      records: { returns: [req('2024-05-06 10:00', undefined, { type: '退款', sku: undefined, qty: undefined, staff: '李四' })] },
      violations: [{ staff: '李四', points: 3, date: '2024-05-07T23:59:59', reason: '退款申请（2024-05-06 10:00:00）未登记', messageId: 'missing' }],
    },
    {
      name: 'requested 30 April, registered 7 May: due Monday 6 May',
      records: { returns: [req('2024-04-30 10:00', '2024-05-07 09:00', { type: '换货' })] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-06T23:59:59', reason: '换货申请' }],
    },
    {
      name: 'exempt',
      records: { returns: [req('2024-05-06 10:00', undefined, { exempt: true, exempt_reason: '客户未寄回' })] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-07T23:59:59', reason: '未登记', exempt: true }],
    },
  ],
});
