import rule from '../../src/rules/cs-after-1.js';
import { ruleTester, shipment, t } from './tester.js';

const line = (order: string, completed: string, shipped: string | undefined, p: Partial<Parameters<typeof shipment>[0]> = {}) =>
  shipment({ order_id: order, completed_at: t(completed), shipped_at: shipped === undefined ? undefined : t(shipped), ...p });

ruleTester(rule, {
  valid: [
    { name: 'shipped at 23:59:59 of the next working day', records: { shipments: [line('A1', '2024-05-06 15:00', '2024-05-07 23:59:59')] } },
    { name: 'completed Friday 10 May: due make-up Saturday 11 May', records: { shipments: [line('A2', '2024-05-10 15:00', '2024-05-11 23:59:59')] } },
    { name: 'completed in the holiday (2 May): due Monday 6 May', records: { shipments: [line('A3', '2024-05-02 15:00', '2024-05-06 20:00')] } },
    {
      name: 'an order completes at its latest completed_at',
      records: { shipments: [line('A4', '2024-05-06 09:00', '2024-05-08 10:00'), line('A4', '2024-05-07 09:00', '2024-05-08 10:00', { sku: 'SKU-2' })] },
    },
    { name: 'completed Friday 31 May: due Monday 3 June, not May’s', records: { shipments: [line('A5', '2024-05-31 15:00', undefined)] } },
  ],
  invalid: [
    {
      name: 'shipped at 00:00:00 two days later',
      records: { shipments: [line('B1', '2024-05-06 15:00', '2024-05-08 00:00:00')] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-07T23:59:59', reason: '订单 B1 于 2024-05-06 15:00:00 完成，2024-05-08 00:00:00 才全部发货，晚于截止 2024-05-07 23:59:59', messageId: 'late' }],
    },
    {
      name: 'one line never shipped: not fully shipped; charged to the first row by file, sheet, row',
      records: {
        shipments: [
          line('B2', '2024-05-06 15:00', '2024-05-07 10:00', { staff: '李四', source: { row: 30 } }),
          line('B2', '2024-05-06 15:00', undefined, { staff: '张三', source: { row: 12 }, sku: 'SKU-9' }),
        ],
      },
      violations: [{ staff: '张三', points: 3, date: '2024-05-07T23:59:59', reason: '订单 B2 于 2024-05-06 15:00:00 完成，未全部发货', messageId: 'not_shipped', row: 12 }],
    },
    {
      name: 'the first line shipped on time, the second late: charged to the first line’s staff, pointing at the late line',
      records: {
        shipments: [
          line('B5', '2024-05-06 15:00', '2024-05-07 10:00', { staff: '李四', source: { row: 7 } }),
          line('B5', '2024-05-06 15:00', '2024-05-09 11:00', { staff: '张三', source: { row: 8 }, sku: 'SKU-2' }),
          line('B5', '2024-05-06 15:00', '2024-05-08 09:00', { staff: '张三', source: { row: 9 }, sku: 'SKU-3' }),
        ],
      },
      violations: [{ staff: '李四', points: 3, date: '2024-05-07T23:59:59', reason: '2024-05-09 11:00:00 才全部发货', messageId: 'late', row: 8 }],
    },
    {
      name: 'the first row is by file name first',
      records: {
        shipments: [
          line('B3', '2024-05-06 15:00', undefined, { staff: '李四', source: { file: 'a-shipments.xlsx', row: 90 } }),
          line('B3', '2024-05-06 15:00', undefined, { staff: '张三', source: { file: 'b-shipments.xlsx', row: 2 } }),
        ],
      },
      violations: [{ staff: '李四', points: 3, date: '2024-05-07T23:59:59', reason: '订单 B3' }],
    },
    {
      name: 'Friday 10 May, shipped Monday 13 May: late for make-up Saturday 11 May',
      records: { shipments: [line('B4', '2024-05-10 15:00', '2024-05-13 09:00')] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-11T23:59:59', reason: '晚于截止 2024-05-11 23:59:59' }],
    },
    {
      name: 'exempt if any row is exempt',
      records: {
        shipments: [
          line('B5', '2024-05-06 15:00', undefined, { source: { row: 60 } }),
          line('B5', '2024-05-06 15:00', '2024-05-06 16:00', { exempt: true, exempt_reason: '缺货待补', source: { row: 61 } }),
        ],
      },
      violations: [{ staff: '张三', points: 3, date: '2024-05-07T23:59:59', reason: '未全部发货', exempt: true, row: 60 }],
    },
    {
      name: 'completed Thursday 30 May, unshipped: due Friday 31 May 23:59:59 (May’s)',
      records: { shipments: [line('B6', '2024-05-30 15:00', undefined)] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-31T23:59:59', reason: '未全部发货' }],
    },
  ],
});

ruleTester(rule, {
  valid: [],
  invalid: [
    {
      name: 'year boundary: completed 31 December 2024, due 2 January 2025',
      month: '2025-01',
      records: { shipments: [line('C1', '2024-12-31 10:00', '2025-01-03 00:00:00')] },
      violations: [{ staff: '张三', points: 3, date: '2025-01-02T23:59:59', reason: '晚于截止 2025-01-02 23:59:59' }],
    },
    {
      name: 'as-of before the deadline: pending, and no violation',
      asOf: '2024-05-07 12:00',
      records: { shipments: [line('C2', '2024-05-06 15:00', undefined), line('C3', '2024-05-02 15:00', '2024-05-07 13:00')] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-06T23:59:59', reason: '订单 C3' }],
      pending: [{ staff: '张三', deadline: '2024-05-07T23:59:59' }],
    },
  ],
});
