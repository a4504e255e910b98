/** CS-AFTER-3 月底统计付款未发货订单，月初一周内处理完. */
import { z } from 'zod';
import { DAY, endOfDay, formatDate, SECOND, type Wall } from '../core/time.js';
import { timeText, isShippedBy, ordersOf } from './support.js';
import { defineRule } from './types.js';

/** 23:59:59 of day `deadlineDay` of the month after the month ending at `monthEnd`. */
export const backlogDeadline = (monthEnd: Wall, deadlineDay: number): Wall => endOfDay(monthEnd + SECOND + (deadlineDay - 1) * DAY);

export default defineRule({
  meta: {
    code: 'CS-AFTER-3',
    clause: {
      zh: '月底统计付款未发货订单，月初一周内处理完',
      en: "At month end, list paid orders not yet shipped and clear them within the next month's first week",
    },
    source: ['shipments'],
    points: 3,
    params: z.strictObject({ deadline_day: z.number().int().min(1).max(28).default(7) }),
    messages: {
      backlog: {
        zh: '订单 {order}（{completed} 完成）{monthEnd} 月底未发货，{deadline} 前仍未全部发货',
        en: 'order {order} (completed {completed}) unshipped at the end of {monthEnd}, still not fully shipped by {deadline}',
      },
      backlog_late: {
        zh: '订单 {order}（{completed} 完成）{monthEnd} 月底未发货，{shipped} 才全部发货，晚于 {deadline}',
        en: 'order {order} (completed {completed}) unshipped at the end of {monthEnd}, fully shipped {shipped}, after {deadline}',
      },
      open: {
        zh: '订单 {order}（{completed} 完成）{monthEnd} 月底未发货，须在 {deadline} 前处理完',
        en: 'order {order} (completed {completed}) unshipped at the end of {monthEnd}, to be shipped by {deadline}',
      },
    },
  },
  *check(ctx) {
    // The month end before the assessed month (its deadline falls in it) and the assessed month's own end
    // (its deadline is next month: pending at most).
    const ends = [ctx.month.start - SECOND, ctx.month.end];
    const orders = ordersOf(ctx.records.shipments);
    for (const monthEnd of ends) {
      const deadline = backlogDeadline(monthEnd, ctx.params.deadline_day);
      const label = formatDate(monthEnd).slice(0, 7);
      for (const order of orders) {
        if (order.completedAt > monthEnd || isShippedBy(order, monthEnd)) continue;
        const late = ctx.inWindow(deadline) && !isShippedBy(order, deadline);
        const pending = ctx.isPending(monthEnd, deadline, order.shippedAt);
        if (!late && !pending) continue;
        const values = { order: order.id, completed: timeText(order.completedAt), monthEnd: label, deadline: timeText(deadline), shipped: order.shippedAt === undefined ? '' : timeText(order.shippedAt) };
        // Charged to the order's first row's staff; pointing at the row that shows the fault.
        const common = { staff: order.first.staff, source: order.evidence.source, values, row: order.exemptRow };
        if (pending) ctx.pending({ ...common, since: monthEnd, deadline, message: 'open' });
        if (late) yield ctx.violation({ ...common, date: deadline, message: order.shippedAt === undefined ? 'backlog' : 'backlog_late' });
      }
    }
  },
});
