/** CS-AFTER-1 订单流程结束后一个工作日内发货. */
import { z } from 'zod';
import type { Calendar } from '../calendar/calendar.js';
import { timeText, endOfNextWorkingDay, isShippedBy, ordersOf, type Order } from './support.js';
import { defineRule } from './types.js';

/** 23:59:59 of next_working_day(the date the order completed). */
export const shippingDeadline = (calendar: Calendar, order: Order) => endOfNextWorkingDay(calendar, order.completedAt);

export default defineRule({
  meta: {
    code: 'CS-AFTER-1',
    clause: {
      zh: '订单流程结束后一个工作日内发货',
      en: 'Ship an order within one working day of its completion',
    },
    source: ['shipments'],
    points: 3,
    params: z.strictObject({}),
    messages: {
      not_shipped: {
        zh: '订单 {order} 于 {completed} 完成，未全部发货（截止 {deadline}）',
        en: 'order {order}, completed {completed}, not fully shipped (due {deadline})',
      },
      late: {
        zh: '订单 {order} 于 {completed} 完成，{shipped} 才全部发货，晚于截止 {deadline}',
        en: 'order {order}, completed {completed}, fully shipped {shipped}, after the deadline {deadline}',
      },
      open: {
        zh: '订单 {order} 于 {completed} 完成，尚未全部发货，截止 {deadline}',
        en: 'order {order}, completed {completed}, not fully shipped yet, due {deadline}',
      },
    },
  },
  *check(ctx) {
    for (const order of ordersOf(ctx.records.shipments)) {
      const deadline = shippingDeadline(ctx.calendar, order);
      const late = ctx.inWindow(deadline) && !isShippedBy(order, deadline);
      const pending = ctx.isPending(order.completedAt, deadline, order.shippedAt);
      if (!late && !pending) continue;
      const values = { order: order.id, completed: timeText(order.completedAt), deadline: timeText(deadline), shipped: order.shippedAt === undefined ? '' : timeText(order.shippedAt) };
      // Charged to the order's first row's staff; pointing at the row that shows the fault.
      const common = { staff: order.first.staff, source: order.evidence.source, values, row: order.exemptRow };
      if (pending) ctx.pending({ ...common, since: order.completedAt, deadline, message: 'open' });
      if (late) yield ctx.violation({ ...common, date: deadline, message: order.shippedAt === undefined ? 'not_shipped' : 'late' });
    }
  },
});
