import rule from '../../src/rules/cs-after-3.js';
import { ruleTester, shipment, t } from './tester.js';

const line = (order: string, completed: string, shipped: string | undefined, p: Partial<Parameters<typeof shipment>[0]> = {}) =>
  shipment({ order_id: order, completed_at: t(completed), shipped_at: shipped === undefined ? undefined : t(shipped), ...p });

const NEVER = line('N1', '2024-04-20 10:00', undefined);

ruleTester(rule, {
  valid: [
    { name: 'April’s backlog shipped at 7 May 23:59:59', records: { shipments: [line('A1', '2024-04-29 10:00', '2024-05-07 23:59:59')] } },
    { name: 'shipped at exactly 30 April 23:59:59 is not backlog', records: { shipments: [line('A2', '2024-04-29 10:00', '2024-04-30 23:59:59')] } },
    { name: 'completed 1 May 00:00:00 is not April’s backlog', records: { shipments: [line('A3', '2024-05-01 00:00:00', '2024-05-09 00:00')] } },
    { name: 'May’s own backlog is due 7 June: not May’s', records: { shipments: [line('A4', '2024-05-30 10:00', undefined)] } },
  ],
  invalid: [
    {
      name: 'April’s backlog shipped 8 May 00:00:00',
      records: { shipments: [line('B1', '2024-04-29 10:00', '2024-05-08 00:00:00')] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-07T23:59:59', reason: '订单 B1（2024-04-29 10:00:00 完成）2024-04 月底未发货，2024-05-08 00:00:00 才全部发货，晚于 2024-05-07 23:59:59', messageId: 'backlog_late' }],
    },
    {
      name: 'completed at 30 April 23:59:59 counts for April’s end',
      records: { shipments: [line('B2', '2024-04-30 23:59:59', undefined)] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-07T23:59:59', reason: '2024-04 月底未发货，2024-05-07 23:59:59 前仍未全部发货', messageId: 'backlog' }],
    },
    {
      name: 'partly shipped by month end: charged to the first row’s staff, pointing at the line not shipped; exempt if any row is',
      records: {
        shipments: [
          line('B3', '2024-04-25 10:00', '2024-04-26 10:00', { staff: '李四', source: { row: 5 } }),
          line('B3', '2024-04-25 10:00', undefined, { staff: '张三', source: { row: 6 }, exempt: true, exempt_reason: '厂家缺货' }),
        ],
      },
      violations: [{ staff: '李四', points: 3, date: '2024-05-07T23:59:59', reason: '订单 B3', exempt: true, row: 6 }],
    },
    {
      name: 'an order unshipped for two month ends: charged in May (April’s end) …',
      records: { shipments: [NEVER] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-07T23:59:59', reason: '2024-04 月底未发货' }],
    },
    {
      name: '… and again in June (May’s end)',
      month: '2024-06',
      records: { shipments: [NEVER] },
      violations: [{ staff: '张三', points: 3, date: '2024-06-07T23:59:59', reason: '2024-05 月底未发货' }],
    },
    {
      name: 'deadline_day 3',
      params: { deadline_day: 3 },
      records: { shipments: [line('B4', '2024-04-29 10:00', '2024-05-04 00:00:00')] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-03T23:59:59', reason: '晚于 2024-05-03 23:59:59' }],
    },
  ],
});

ruleTester(rule, {
  valid: [
    {
      name: 'as-of 5 May: April’s backlog is pending',
      asOf: '2024-05-05 12:00',
      records: { shipments: [line('P1', '2024-04-29 10:00', undefined)] },
      pending: [{ staff: '张三', deadline: '2024-05-07T23:59:59' }],
    },
    {
      name: 'at the month’s last instant, May’s backlog is pending for June',
      records: { shipments: [line('P2', '2024-05-30 10:00', '2024-06-03 10:00')] },
      pending: [{ staff: '张三', deadline: '2024-06-07T23:59:59' }],
    },
  ],
  invalid: [],
});
