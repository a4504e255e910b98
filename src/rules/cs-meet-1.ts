/** CS-MEET-1 部门周会、月会未按时参加. */
import { z } from 'zod';
import { MINUTE } from '../core/time.js';
import { normalizeToken } from '../logs/normalize.js';
import { timeText } from './support.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    code: 'CS-MEET-1',
    clause: { zh: '部门周会、月会未按时参加', en: 'Attend the weekly and monthly department meetings on time' },
    source: ['meetings'],
    points: 0.5,
    params: z.strictObject({
      grace_minutes: z.number().min(0).default(0),
      /** The meetings the clause names; a 会议 containing one of them counts (部门周会, 5月月会), and so does a blank one. */
      meetings: z.array(z.string().min(1)).default(['周会', '月会']),
    }),
    messages: {
      absent: { zh: '会议{meeting}（{time}）未签到', en: 'did not sign in to the meeting{meeting} ({time})' },
      late: { zh: '会议{meeting}（{time}）于 {signed} 签到，迟到', en: 'signed in to the meeting{meeting} ({time}) late, at {signed}' },
    },
  },
  *check(ctx) {
    const grace = ctx.params.grace_minutes * MINUTE;
    const names = ctx.params.meetings.map(normalizeToken);
    const counts = (meeting: string | undefined) => !meeting || names.some((n) => normalizeToken(meeting).includes(n));
    for (const m of ctx.records.meetings) {
      if (!ctx.inWindow(m.meeting_at) || !counts(m.meeting)) continue;
      if (m.signed_at !== undefined && m.signed_at <= m.meeting_at + grace) continue;
      const values = { meeting: m.meeting ? ` ${m.meeting}` : '', time: timeText(m.meeting_at), signed: m.signed_at === undefined ? '' : timeText(m.signed_at) };
      yield ctx.violation({ staff: m.staff, date: m.meeting_at, source: m.source, message: m.signed_at === undefined ? 'absent' : 'late', values, row: m });
    }
  },
});
