/** ED-2 未及时按通知更改产品信息. */
import { z } from 'zod';
import { HOUR } from '../core/time.js';
import { timeText, num } from './support.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    code: 'ED-2',
    clause: { zh: '未及时按通知更改产品信息', en: 'Change product information promptly as notified' },
    source: ['listings'],
    points: 3,
    params: z.strictObject({ hours: z.number().min(0).default(24), important_hours: z.number().min(0).default(12) }),
    messages: {
      not_done: {
        zh: '{product} 于 {notified} 通知更新，{hours} 小时内未更新（截止 {deadline}）',
        en: '{product}, update notified {notified}, not done within {hours} h (due {deadline})',
      },
      late: {
        zh: '{product} 于 {notified} 通知更新，{done} 才更新，超过 {hours} 小时',
        en: '{product}, update notified {notified}, done {done}, more than {hours} h later',
      },
      open: {
        zh: '{product} 于 {notified} 通知更新，尚未更新，截止 {deadline}',
        en: '{product}, update notified {notified}, not done yet, due {deadline}',
      },
    },
  },
  *check(ctx) {
    for (const l of ctx.records.listings) {
      if (l.kind !== '更新') continue;
      const hours = l.important ? ctx.params.important_hours : ctx.params.hours;
      const deadline = l.notified_at + hours * HOUR;
      const done = l.done_at;
      const late = ctx.inWindow(deadline) && (done === undefined || done > deadline);
      const pending = ctx.isPending(l.notified_at, deadline, done);
      if (!late && !pending) continue;
      const values = { product: l.product, notified: timeText(l.notified_at), deadline: timeText(deadline), done: done === undefined ? '' : timeText(done), hours: num(hours) };
      if (pending) ctx.pending({ staff: l.editor, since: l.notified_at, deadline, source: l.source, message: 'open', values, row: l });
      if (!late) continue;
      yield ctx.violation({ staff: l.editor, date: deadline, source: l.source, message: done === undefined ? 'not_done' : 'late', values, row: l });
    }
  },
});
