/** CS-AFTER-2 及时处理客人反馈的问题. */
import { z } from 'zod';
import { timeText, endOfNextWorkingDay } from './support.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    code: 'CS-AFTER-2',
    clause: { zh: '及时处理客人反馈的问题', en: "Handle customers' after-sales requests promptly" },
    source: ['returns'],
    points: 3,
    params: z.strictObject({}),
    messages: {
      missing: {
        zh: '订单 {order} 的{type}申请（{requested}）未登记（截止 {deadline}）',
        en: 'the {type} request of order {order} ({requested}) not registered (due {deadline})',
      },
      late: {
        zh: '订单 {order} 的{type}申请（{requested}）于 {registered} 登记，晚于截止 {deadline}',
        en: 'the {type} request of order {order} ({requested}) registered {registered}, after the deadline {deadline}',
      },
      open: {
        zh: '订单 {order} 的{type}申请（{requested}）尚未登记，截止 {deadline}',
        en: 'the {type} request of order {order} ({requested}) not registered yet, due {deadline}',
      },
    },
  },
  *check(ctx) {
    for (const r of ctx.records.returns) {
      const deadline = endOfNextWorkingDay(ctx.calendar, r.requested_at);
      const done = r.registered_at;
      const late = ctx.inWindow(deadline) && (done === undefined || done > deadline);
      const pending = ctx.isPending(r.requested_at, deadline, done);
      if (!late && !pending) continue;
      const values = { order: r.order_id, type: r.type, requested: timeText(r.requested_at), deadline: timeText(deadline), registered: done === undefined ? '' : timeText(done) };
      if (pending) ctx.pending({ staff: r.staff, since: r.requested_at, deadline, source: r.source, message: 'open', values, row: r });
      if (late) yield ctx.violation({ staff: r.staff, date: deadline, source: r.source, message: done === undefined ? 'missing' : 'late', values, row: r });
    }
  },
});
