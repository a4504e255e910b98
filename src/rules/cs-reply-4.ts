/** CS-REPLY-4 电话响铃10声内必须接听. */
import { z } from 'zod';
import { inDayWindow } from './support.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    code: 'CS-REPLY-4',
    clause: { zh: '电话响铃10声内必须接听', en: 'Answer the phone within 10 rings' },
    source: ['consultations'],
    consultations: 'each-row',
    points: 1,
    params: z.strictObject({ max_rings: z.number().int().min(0).default(10) }),
    messages: {
      rings: { zh: '电话响铃 {rings} 声 > {max} 声才接听', en: 'call answered after {rings} rings > {max}' },
      missed: { zh: '在线时间内来电未接听', en: 'call within online hours not answered' },
    },
  },
  *check(ctx) {
    const max = ctx.params.max_rings;
    for (const c of ctx.records.consultations) {
      if (c.channel !== '电话' || !ctx.inWindow(c.received_at) || !inDayWindow(c.received_at, ctx.hours.online)) continue;
      if (!c.answered) {
        yield ctx.violation({ staff: c.staff, date: c.received_at, source: c.source, message: 'missed', row: c });
      } else if (c.rings !== undefined && c.rings > max) {
        yield ctx.violation({ staff: c.staff, date: c.received_at, source: c.source, message: 'rings', values: { rings: c.rings, max }, row: c });
      }
    }
  },
});
