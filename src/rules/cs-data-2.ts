/** CS-DATA-2 每周五（放假前一天）发送工作总结. */
import { z } from 'zod';
import { DAY, endOfDay, formatDate, isoWeekday, isoWeekOf, startOfDay, type Wall } from '../core/time.js';
import type { Calendar } from '../calendar/calendar.js';
import type { Report } from '../logs/declarations.js';
import { timeText, firstBySource } from './support.js';
import { defineRule } from './types.js';

/** Monday 00:00 of t's ISO week. */
export const mondayOf = (t: Wall): Wall => startOfDay(t) - (isoWeekday(t) - 1) * DAY;

/**
 * The weekly summary's deadline for the ISO week starting on `monday`: 23:59:59 of its Friday if that is a
 * working day, else of the last working day before it in that week; undefined when Monday–Friday has none.
 */
export function weeklyDeadline(calendar: Calendar, monday: Wall): Wall | undefined {
  const friday = monday + 4 * DAY;
  const day = calendar.lastWorkingDayOnOrBefore(friday);
  return day >= monday ? endOfDay(day) : undefined;
}

export default defineRule({
  meta: {
    code: 'CS-DATA-2',
    clause: {
      zh: '每周五（放假前一天）发送工作总结',
      en: 'Send the weekly summary every Friday (or the last working day before a holiday)',
    },
    source: ['reports', 'staff'],
    points: 0.5,
    params: z.strictObject({}),
    messages: {
      missing: {
        zh: '{week} 周工作总结未提交（截止 {deadline}）',
        en: 'no weekly summary for {week} (due {deadline})',
      },
      late: {
        zh: '{week} 周工作总结于 {submitted} 提交，晚于截止 {deadline}',
        en: 'weekly summary for {week} submitted {submitted}, after the deadline {deadline}',
      },
      open: {
        zh: '{week} 周工作总结尚未提交，截止 {deadline}',
        en: 'weekly summary for {week} not submitted yet, due {deadline}',
      },
    },
  },
  *check(ctx) {
    const rows = new Map<string, Report[]>();
    for (const r of ctx.records.reports) {
      if (r.kind !== '周总结') continue;
      const key = `${r.staff}\u0000${mondayOf(r.period)}`;
      const list = rows.get(key);
      if (list) list.push(r);
      else rows.set(key, [r]);
    }
    // Every week that touches the month; deadlines outside the window are left out by the engine.
    for (let monday = mondayOf(ctx.month.start); monday <= ctx.month.end; monday += 7 * DAY) {
      const deadline = weeklyDeadline(ctx.calendar, monday);
      if (deadline === undefined) continue;
      const { year, week } = isoWeekOf(monday);
      const weekLabel = `${year}-W${String(week).padStart(2, '0')} (${formatDate(monday)})`;
      for (const person of ctx.staff.activeOn('客服', deadline)) {
        const mine = rows.get(`${person.name}\u0000${monday}`) ?? [];
        let earliest: Report | undefined;
        for (const r of mine) if (r.submitted_at !== undefined && (!earliest || r.submitted_at < earliest.submitted_at!)) earliest = r;
        const done = earliest?.submitted_at;
        const values = { week: weekLabel, deadline: timeText(deadline), submitted: done === undefined ? '' : timeText(done) };
        const exemptRow = firstBySource(mine.filter((r) => r.exempt));
        const source = (exemptRow ?? earliest ?? (mine.length ? firstBySource(mine) : person)).source;
        if (ctx.isPending(monday, deadline, done)) ctx.pending({ staff: person.name, since: monday, deadline, source, message: 'open', values, row: exemptRow });
        if ((done !== undefined && done <= deadline) || !ctx.inWindow(deadline)) continue;
        yield ctx.violation({ staff: person.name, date: deadline, source, message: done === undefined ? 'missing' : 'late', values, row: exemptRow });
      }
    }
  },
});
