/** CS-DATA-1 每日咨询数据次日10点前准确登记. */
import { z } from 'zod';
import { compareSource } from '../core/issues.js';
import { formatDate, type Wall } from '../core/time.js';
import type { Consultation, Report } from '../logs/declarations.js';
import { timeText, firstBySource } from './support.js';
import { defineRule } from './types.js';

/**
 * Each person's first consultation (earliest, then by source) of each day that consultations belong to (§2):
 * all that CS-DATA-1 reads of them. Fed one row at a time, so score keeps this instead of the month.
 */
export class FirstOfDay {
  /** person → day (00:00) → that day's first consultation. */
  readonly byStaff = new Map<string, Map<Wall, Consultation>>();

  constructor(private readonly belongsTo: (t: Wall) => Wall) {}

  add(c: Consultation): void {
    const day = this.belongsTo(c.received_at);
    let days = this.byStaff.get(c.staff);
    if (!days) this.byStaff.set(c.staff, (days = new Map()));
    const first = days.get(day);
    if (!first || c.received_at < first.received_at || (c.received_at === first.received_at && compareSource(c.source, first.source) < 0)) {
      days.set(day, c);
    }
  }

  *values(): IterableIterator<Consultation> {
    for (const days of this.byStaff.values()) yield* days.values();
  }
}

export default defineRule({
  meta: {
    code: 'CS-DATA-1',
    clause: {
      zh: '每日咨询数据次日10点前准确登记',
      en: "Register each day's consultation data accurately by 10:00 the next working day",
    },
    source: ['reports', 'consultations', 'staff'],
    consultations: 'first-of-day',
    points: 1.5,
    params: z.strictObject({}),
    messages: {
      missing: {
        zh: '{day} 的日报未提交（截止 {deadline}）',
        en: 'no daily report for {day} (due {deadline})',
      },
      late: {
        zh: '{day} 的日报于 {submitted} 提交，晚于截止 {deadline}',
        en: 'daily report for {day} submitted {submitted}, after the deadline {deadline}',
      },
      inaccurate: {
        zh: '{day} 的日报核对不准确（漏登/错登）',
        en: 'daily report for {day} found inaccurate on review',
      },
      open: {
        zh: '{day} 的日报尚未提交，截止 {deadline}',
        en: 'daily report for {day} not submitted yet, due {deadline}',
      },
    },
  },
  *check(ctx) {
    const { calendar, hours } = ctx;
    const first = new FirstOfDay(ctx.belongsTo);
    for (const c of ctx.records.consultations) first.add(c);
    const duties = [...first.byStaff].filter(([staff]) => ctx.staff.roleOf(staff) === '客服');
    const reports = new Map<string, Report[]>();
    for (const r of ctx.records.reports) {
      if (r.kind !== '日报') continue;
      const key = `${r.staff}\u0000${r.period}`;
      const list = reports.get(key);
      if (list) list.push(r);
      else reports.set(key, [r]);
    }
    for (const [staff, days] of duties) {
      for (const [day, firstConsultation] of days) {
        const deadline = calendar.nextWorkingDay(day) + hours.reportDeadline;
        if (deadline < ctx.window.start) continue;
        const rows = reports.get(`${staff}\u0000${day}`) ?? [];
        // Met at the earliest accurate submission on time.
        let done: Wall | undefined;
        for (const r of rows) {
          if (r.accurate && r.submitted_at !== undefined && r.submitted_at <= deadline && (done === undefined || r.submitted_at < done)) done = r.submitted_at;
        }
        const values = { day: formatDate(day), deadline: timeText(deadline) };
        if (ctx.isPending(day, deadline, done)) ctx.pending({ staff, since: day, deadline, source: (rows.length ? firstBySource(rows) : firstConsultation).source, message: 'open', values, row: firstBySource(rows.filter((r) => r.exempt)) });
        if (done !== undefined || !ctx.inWindow(deadline)) continue;
        const exemptRow = firstBySource(rows.filter((r) => r.exempt));
        if (rows.length === 0) {
          yield ctx.violation({ staff, date: deadline, source: firstConsultation.source, message: 'missing', values });
          continue;
        }
        // The reason names the first fault of the earliest submission.
        const submitted = rows.filter((r) => r.submitted_at !== undefined).sort((a, b) => a.submitted_at! - b.submitted_at! || compareSource(a.source, b.source));
        const shown = exemptRow ?? submitted[0] ?? firstBySource(rows);
        const first = submitted[0];
        const message = !first ? 'missing' : first.submitted_at! > deadline ? 'late' : 'inaccurate';
        yield ctx.violation({
          staff,
          date: deadline,
          source: shown.source,
          message,
          values: { ...values, submitted: first ? timeText(first.submitted_at!) : '' },
          row: exemptRow,
        });
      }
    }
  },
});
