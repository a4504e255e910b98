/** ED-1 产品当日上线，最晚第二天；特价立即上线. */
import { z } from 'zod';
import { DAY, endOfDay, HOUR } from '../core/time.js';
import { timeText, num } from './support.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    code: 'ED-1',
    clause: {
      zh: '产品当日上线，最晚第二天；特价立即上线',
      en: 'List a product the same day, the next day at the latest; a special offer at once',
    },
    source: ['listings'],
    points: 5,
    params: z.strictObject({ special_hours: z.number().min(0).default(2) }),
    messages: {
      not_done: {
        zh: '{product} 于 {notified} 通知上线，未上线（截止 {deadline}）',
        en: '{product}, notified {notified}, not listed (due {deadline})',
      },
      late: {
        zh: '{product} 于 {notified} 通知上线，{done} 才上线，晚于截止 {deadline}',
        en: '{product}, notified {notified}, listed {done}, after the deadline {deadline}',
      },
      special_not_done: {
        zh: '特价 {product} 于 {notified} 通知，{hours} 小时内未上线（截止 {deadline}）',
        en: 'special offer {product}, notified {notified}, not listed within {hours} h (due {deadline})',
      },
      special_late: {
        zh: '特价 {product} 于 {notified} 通知，{done} 才上线，超过 {hours} 小时',
        en: 'special offer {product}, notified {notified}, listed {done}, more than {hours} h later',
      },
      open: {
        zh: '{product} 于 {notified} 通知上线，尚未上线，截止 {deadline}',
        en: '{product}, notified {notified}, not listed yet, due {deadline}',
      },
    },
  },
  *check(ctx) {
    const specialHours = ctx.params.special_hours;
    for (const l of ctx.records.listings) {
      if (l.kind !== '上线') continue;
      const deadline = l.special ? l.notified_at + specialHours * HOUR : endOfDay(l.notified_at + DAY);
      const done = l.done_at;
      const late = ctx.inWindow(deadline) && (done === undefined || done > deadline);
      const pending = ctx.isPending(l.notified_at, deadline, done);
      if (!late && !pending) continue;
      const values = { product: l.product, notified: timeText(l.notified_at), deadline: timeText(deadline), done: done === undefined ? '' : timeText(done), hours: num(specialHours) };
      if (pending) ctx.pending({ staff: l.editor, since: l.notified_at, deadline, source: l.source, message: 'open', values, row: l });
      if (!late) continue;
      const message = `${l.special ? 'special_' : ''}${done === undefined ? 'not_done' : 'late'}` as const;
      yield ctx.violation({ staff: l.editor, date: deadline, source: l.source, message, values, row: l });
    }
  },
});
