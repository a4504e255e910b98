/** CS-REPLY-5 服务态度差评扣3分，差评有文字评价扣5分. */
import { z } from 'zod';
import { pointsValue } from './support.js';
import { defineRule } from './types.js';

const excerpt = (text: string) => ([...text].length > 30 ? `${[...text].slice(0, 30).join('')}…` : text);

export default defineRule({
  meta: {
    code: 'CS-REPLY-5',
    clause: {
      zh: '服务态度差评扣3分，差评有文字评价扣5分',
      en: 'A bad review costs 3 points, 5 when it has a written comment',
    },
    source: ['consultations'],
    consultations: 'each-row',
    points: 3,
    params: z.strictObject({ points_with_text: pointsValue.default(5) }),
    messages: {
      bad: { zh: '差评（无文字评价）', en: 'bad review (no comment)' },
      bad_with_text: { zh: '差评，文字评价「{text}」', en: 'bad review with the comment "{text}"' },
    },
  },
  *check(ctx) {
    for (const c of ctx.records.consultations) {
      if (c.rating !== '差评' || !ctx.inWindow(c.received_at)) continue;
      const text = (c.review_text ?? '').trim();
      yield text
        ? ctx.violation({ staff: c.staff, date: c.received_at, source: c.source, message: 'bad_with_text', values: { text: excerpt(text) }, points: ctx.params.points_with_text, row: c })
        : ctx.violation({ staff: c.staff, date: c.received_at, source: c.source, message: 'bad', row: c });
    }
  },
});
