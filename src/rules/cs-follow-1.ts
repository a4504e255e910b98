/** CS-FOLLOW-1 咨询单第二日必须跟踪回访；3次以上加倍. */
import { z } from 'zod';
import { endOfDay, type Wall } from '../core/time.js';
import { timeText, pointsValue } from './support.js';
import { defineRule, type RuleContext } from './types.js';

/** 23:59:59 of next_working_day(the day the consultation belongs to). */
export function followUpDeadline(ctx: Pick<RuleContext, 'belongsTo' | 'calendar'>, receivedAt: Wall): Wall {
  return endOfDay(ctx.calendar.nextWorkingDay(ctx.belongsTo(receivedAt)));
}

export default defineRule({
  meta: {
    code: 'CS-FOLLOW-1',
    clause: {
      zh: '咨询单第二日必须跟踪回访；3次以上加倍',
      en: 'Follow up a consultation on the next working day; from the 3rd miss in a month, double',
    },
    source: ['consultations'],
    consultations: 'each-row',
    points: 0.5,
    params: z.strictObject({
      escalate_from: z.number().int().min(1).nullable().default(3),
      escalated_points: pointsValue.default(1),
    }),
    escalation: (p) => (p.escalate_from === null ? undefined : { from: p.escalate_from, points: p.escalated_points }),
    messages: {
      missing: {
        zh: '{received} 的咨询未回访（截止 {deadline}）',
        en: 'consultation of {received} not followed up (due {deadline})',
      },
      late: {
        zh: '{received} 的咨询于 {followed} 回访，晚于截止 {deadline}',
        en: 'consultation of {received} followed up {followed}, after the deadline {deadline}',
      },
      open: {
        zh: '{received} 的咨询尚未回访，截止 {deadline}',
        en: 'consultation of {received} not followed up yet, due {deadline}',
      },
    },
  },
  *check(ctx) {
    for (const c of ctx.records.consultations) {
      if (!c.needs_follow_up) continue;
      const deadline = followUpDeadline(ctx, c.received_at);
      const done = c.follow_up_at;
      const late = ctx.inWindow(deadline) && (done === undefined || done > deadline);
      const pending = ctx.isPending(c.received_at, deadline, done);
      if (!late && !pending) continue;
      const values = { received: timeText(c.received_at), deadline: timeText(deadline), followed: done === undefined ? '' : timeText(done) };
      if (pending) ctx.pending({ staff: c.staff, since: c.received_at, deadline, source: c.source, message: 'open', values, row: c });
      if (late) yield ctx.violation({ staff: c.staff, date: deadline, source: c.source, message: done === undefined ? 'missing' : 'late', values, row: c });
    }
  },
});
