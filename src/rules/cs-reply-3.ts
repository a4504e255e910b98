/** CS-REPLY-3 首句咨询须在45秒内回复. */
import { z } from 'zod';
import { SECOND } from '../core/time.js';
import type { Consultation } from '../logs/declarations.js';
import { inDayWindow, num } from './support.js';
import { defineRule } from './types.js';

/** First-reply time in seconds: first_reply_seconds when given, else first_reply_at − received_at. */
export function firstReplySeconds(c: Consultation): number | undefined {
  if (c.first_reply_seconds !== undefined) return c.first_reply_seconds;
  return c.first_reply_at === undefined ? undefined : (c.first_reply_at - c.received_at) / SECOND;
}

export default defineRule({
  meta: {
    code: 'CS-REPLY-3',
    clause: { zh: '首句咨询须在45秒内回复', en: 'Reply to the first message of a chat within 45 seconds' },
    source: ['consultations'],
    consultations: 'each-row',
    points: 1,
    params: z.strictObject({ max_seconds: z.number().min(0).default(45) }),
    messages: {
      slow: { zh: '首次回复 {seconds} 秒 > {max} 秒', en: 'first reply after {seconds} s > {max} s' },
      unanswered: { zh: '未回复（漏客）', en: 'never replied to (missed customer)' },
    },
  },
  *check(ctx) {
    const max = ctx.params.max_seconds;
    for (const c of ctx.records.consultations) {
      if (c.channel !== '旺旺' || !ctx.inWindow(c.received_at) || !inDayWindow(c.received_at, ctx.hours.online)) continue;
      const seconds = firstReplySeconds(c);
      // 漏客, a chat never replied to, is the worst reply fault: both reply columns blank.
      if (seconds === undefined) yield ctx.violation({ staff: c.staff, date: c.received_at, source: c.source, message: 'unanswered', row: c });
      else if (seconds > max) yield ctx.violation({ staff: c.staff, date: c.received_at, source: c.source, message: 'slow', values: { seconds: num(seconds), max: num(max) }, row: c });
    }
  },
});
