/** CS-ONLINE-3 周末值班离开超1分钟须有人暂替. */
import { z } from 'zod';
import { SECOND } from '../core/time.js';
import { maxAwaySeconds, num, span } from './support.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    code: 'CS-ONLINE-3',
    clause: {
      zh: '周末值班离开超1分钟须有人暂替',
      en: 'On weekend duty, an absence of more than a minute needs someone covering',
    },
    source: ['presence'],
    points: 1,
    params: z.strictObject({ max_away_seconds: maxAwaySeconds }),
    messages: {
      no_cover: {
        zh: '非工作日值班离岗 {span}（{seconds} 秒 > {max} 秒），无人暂替',
        en: 'away {span} on a non-working day ({seconds} s > {max} s) with no one covering',
      },
    },
  },
  *check(ctx) {
    const max = ctx.params.max_away_seconds * SECOND;
    for (const p of ctx.records.presence) {
      const away = p.back_at - p.left_at;
      if (p.cover || away <= max || !ctx.inWindow(p.left_at) || ctx.calendar.isWorkingDay(p.left_at)) continue;
      const values = { span: span(p.left_at, p.back_at), seconds: num(away / SECOND), max: ctx.params.max_away_seconds };
      yield ctx.violation({ staff: p.staff, date: p.left_at, source: p.source, message: 'no_cover', values, row: p });
    }
  },
});
