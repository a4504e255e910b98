/** CS-ONLINE-4 留言当天处理；18点后留言次日12点前处理完毕，并有详细批注. */
import { z } from 'zod';
import { endOfDay, startOfDay, type Wall } from '../core/time.js';
import type { Consultation } from '../logs/declarations.js';
import { timeText } from './support.js';
import { defineRule, type RuleContext } from './types.js';

/**
 * A message received before the evening cut-off on a working day is due by 23:59:59 that day; any other is
 * due at the message deadline (12:00) of the day it belongs to, i.e. of next_working_day(its date).
 */
export function messageDeadline(ctx: Pick<RuleContext, 'belongsTo' | 'hours'>, receivedAt: Wall): Wall {
  const day = startOfDay(receivedAt);
  const belongs = ctx.belongsTo(receivedAt);
  return belongs === day ? endOfDay(day) : belongs + ctx.hours.messageDeadline;
}

/** Fewer than `min` characters after trimming (counted as code points, so 批注 is 2). */
export function noteTooShort(note: string | undefined, min: number): boolean {
  const text = (note ?? '').trim();
  if (text.length >= 2 * min) return false; // a code point is at most 2 UTF-16 units
  return [...text].length < min;
}

export const isMessage = (c: Consultation) => c.channel === '留言';

export default defineRule({
  meta: {
    code: 'CS-ONLINE-4',
    clause: {
      zh: '留言当天处理；18点后留言次日12点前处理完毕，并有详细批注',
      en: 'Messages are handled the same day; those after 18:00 by 12:00 the next working day, with a detailed note',
    },
    source: ['consultations'],
    consultations: 'each-row',
    points: 1.5,
    params: z.strictObject({ min_note_chars: z.number().int().min(0).default(2) }),
    messages: {
      not_handled: {
        zh: '留言 {received} 未处理（截止 {deadline}）',
        en: 'message of {received} not handled (due {deadline})',
      },
      late: {
        zh: '留言 {received} 于 {handled} 处理，晚于截止 {deadline}',
        en: 'message of {received} handled {handled}, after the deadline {deadline}',
      },
      no_note: {
        zh: '留言 {received} 的处理批注「{note}」少于 {min} 个字',
        en: 'the note "{note}" on the message of {received} is shorter than {min} characters',
      },
      open: {
        zh: '留言 {received} 尚未处理，截止 {deadline}',
        en: 'message of {received} not handled yet, due {deadline}',
      },
    },
  },
  *check(ctx) {
    const min = ctx.params.min_note_chars;
    for (const c of ctx.records.consultations) {
      if (!isMessage(c)) continue;
      const deadline = messageDeadline(ctx, c.received_at);
      const handled = c.handled_at;
      const fault = !ctx.inWindow(deadline)
        ? undefined
        : handled === undefined ? 'not_handled' : handled > deadline ? 'late' : noteTooShort(c.note, min) ? 'no_note' : undefined;
      const pending = ctx.isPending(c.received_at, deadline, handled);
      if (!fault && !pending) continue;
      const values = { received: timeText(c.received_at), deadline: timeText(deadline), handled: handled === undefined ? '' : timeText(handled), note: (c.note ?? '').trim(), min };
      if (pending) ctx.pending({ staff: c.staff, since: c.received_at, deadline, source: c.source, message: 'open', values, row: c });
      if (fault) yield ctx.violation({ staff: c.staff, date: deadline, source: c.source, message: fault, values, row: c });
    }
  },
});
