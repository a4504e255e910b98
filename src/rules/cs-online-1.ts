/** CS-ONLINE-1 午餐时间轮流顶替，出现脱岗全体客服扣分. */
import { z } from 'zod';
import { SECOND } from '../core/time.js';
import { clock, maxAwaySeconds, num, overlapsDayWindow, span } from './support.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    code: 'CS-ONLINE-1',
    clause: {
      zh: '午餐时间轮流顶替，出现脱岗全体客服扣分',
      en: 'Cover each other in turns at lunch; an unattended desk costs every customer-service person',
    },
    source: ['presence'],
    points: 1,
    params: z.strictObject({ max_away_seconds: maxAwaySeconds }),
    messages: {
      unattended: {
        zh: '{absent} 午餐时段离岗 {span}（{seconds} 秒 > {max} 秒，与 {lunch} 重叠），无人顶替',
        en: '{absent} away {span} at lunch ({seconds} s > {max} s, overlapping {lunch}) with no cover',
      },
    },
  },
  *check(ctx) {
    const max = ctx.params.max_away_seconds * SECOND;
    const lunch = ctx.hours.lunch;
    for (const p of ctx.records.presence) {
      const away = p.back_at - p.left_at;
      if (p.cover || away <= max || !ctx.inWindow(p.left_at)) continue;
      if (!overlapsDayWindow(p.left_at, p.back_at, lunch)) continue;
      // Every 客服 active that day, the absent one included, once per period.
      const charged = ctx.staff.activeOn('客服', p.left_at).map((s) => s.name);
      if (!charged.includes(p.staff)) charged.push(p.staff);
      const values = {
        absent: p.staff,
        span: span(p.left_at, p.back_at),
        seconds: num(away / SECOND),
        max: ctx.params.max_away_seconds,
        lunch: `${clock(lunch.start)}–${clock(lunch.end)}`,
      };
      for (const staff of charged) {
        yield ctx.violation({ staff, date: p.left_at, source: p.source, message: 'unattended', values, row: p });
      }
    }
  },
});
