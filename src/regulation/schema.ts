/**
 * zod schemas of the regulation file (docs/rules.md). Strict: an unknown key is an error. Rule parameters are
 * validated by each rule's own schema (src/rules/*), see load.ts.
 */
import { z } from 'zod';
import { HOUR, MINUTE, parseClock } from '../core/time.js';
import { COSTING_METHODS } from '../inventory/costing.js';
import type { DayWindow, Hours } from './types.js';

const bilingual = (zh: string, en: string) => ({ params: { zh, en } });

/** `HH:mm` → ms since midnight. */
export const clockSchema = z.string().transform((text, ctx) => {
  const ms = parseClock(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a time`, ...bilingual(`「${text}」不是有效时间（应为 HH:mm）`, `"${text}" is not a time (use HH:mm)`) });
    return z.NEVER;
  }
  return ms;
});

/** `09:00-23:00` → { start, end } (start included, end excluded). */
export const windowSchema = z.string().transform((text, ctx): DayWindow => {
  const m = /^\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*(?:-|–|—|~|～|至|到)\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*$/.exec(text);
  const start = m ? parseClock(m[1]) : undefined;
  const end = m ? parseClock(m[2]) : undefined;
  if (start === undefined || end === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a window`, ...bilingual(`「${text}」不是有效时段（应为 HH:mm-HH:mm）`, `"${text}" is not a time window (use HH:mm-HH:mm)`) });
    return z.NEVER;
  }
  if (start >= end) {
    ctx.addIssue({ code: 'custom', message: `"${text}" ends before it starts`, ...bilingual(`时段「${text}」的结束不晚于开始`, `the window "${text}" does not end after it starts`) });
    return z.NEVER;
  }
  return { start, end };
});

/** Printed when the regulation file names no company. */
export const DEFAULT_COMPANY = '电商部';

/** Blank YAML values (`hours:` with nothing under it) read as null: treat them as absent. */
const blankAsAbsent = (v: unknown) => (v === null ? undefined : v);

export const DEFAULT_HOURS: Hours = {
  online: { start: 9 * HOUR, end: 23 * HOUR },
  lunch: { start: 11 * HOUR + 30 * MINUTE, end: 13 * HOUR + 30 * MINUTE },
  eveningCutoff: 18 * HOUR,
  reportDeadline: 10 * HOUR,
  messageDeadline: 12 * HOUR,
};

export const hoursSchema = z
  .strictObject({
    online: windowSchema.optional(),
    lunch: windowSchema.optional(),
    evening_cutoff: clockSchema.optional(),
    report_deadline: clockSchema.optional(),
    message_deadline: clockSchema.optional(),
  })
  .transform(
    (h): Hours => ({
      online: h.online ?? DEFAULT_HOURS.online,
      lunch: h.lunch ?? DEFAULT_HOURS.lunch,
      eveningCutoff: h.evening_cutoff ?? DEFAULT_HOURS.eveningCutoff,
      reportDeadline: h.report_deadline ?? DEFAULT_HOURS.reportDeadline,
      messageDeadline: h.message_deadline ?? DEFAULT_HOURS.messageDeadline,
    }),
  );

const aliasList = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(z.string().trim().min(1)),
);

/** `columns: { <log>: { <column>: [alias, …] } }`; log and column keys are checked against LOGS in load.ts. */
export const columnsSchema = z.record(z.string(), z.preprocess(blankAsAbsent, z.record(z.string(), aliasList).optional()));

/** Points: a number ≥ 0 with at most 2 decimals, or a range [min, max]. */
export const pointsSchema = z.unknown().transform((v, ctx): number | [number, number] => {
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && Math.abs(n * 100 - Math.round(n * 100)) < 1e-9;
  if (ok(v)) return v;
  if (Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1])) {
    if (v[0] <= v[1]) return [v[0], v[1]];
    ctx.addIssue({ code: 'custom', message: 'range min > max', ...bilingual(`范围 [${v[0]}, ${v[1]}] 的下限大于上限`, `the range [${v[0]}, ${v[1]}] has min > max`) });
    return z.NEVER;
  }
  const shown = v === undefined ? '' : `：${JSON.stringify(v)}`;
  ctx.addIssue({
    code: 'custom',
    message: 'bad points',
    ...bilingual(
      v === undefined ? '缺少扣分（points）' : `扣分应为 ≥ 0、最多两位小数的数字，或范围 [最小, 最大]${shown}`,
      v === undefined ? 'points are missing' : `points must be a number ≥ 0 with at most 2 decimals, or a range [min, max]: ${JSON.stringify(v)}`,
    ),
  });
  return z.NEVER;
});

export const ruleEntrySchema = z.strictObject({
  code: z.string(),
  clause: z.string().trim().min(1).optional(),
  points: pointsSchema,
  source: z.union([z.string(), z.array(z.string())]).optional(),
  scope: z.string().optional(),
  charged: z.string().optional(),
  params: z.unknown().optional(),
  enabled: z.boolean().default(true),
});

/**
 * `annual:` the year's grades (from the highest `min` down; the first whose min the annual score reaches; a grade
 * without `min` takes every score below the others) and the score a month needs to count in a run of good months.
 */
export const DEFAULT_GRADES = [
  { grade: '优秀', min: 90, bonus: 1.2 },
  { grade: '良好', min: 80, bonus: 1.0 },
  { grade: '合格', min: 60, bonus: 0.8 },
  { grade: '不合格', min: 0, bonus: 0 },
];

export const annualSchema = z
  .strictObject({
    grades: z
      .array(z.strictObject({ grade: z.string().trim().min(1), min: z.number().min(0).optional(), bonus: z.number().min(0) }))
      .min(1)
      .optional(),
    streak_score: z.number().min(0).optional(),
  })
  .transform((a, ctx) => {
    const grades = (a.grades ?? DEFAULT_GRADES).map((g) => ({ grade: g.grade, min: g.min ?? 0, bonus: g.bonus })).sort((x, y) => y.min - x.min);
    if (grades[grades.length - 1].min !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['grades'],
        message: 'no grade for the lowest scores',
        ...bilingual('最低一档等级须不写 min（或 min: 0），否则低分没有等级', 'the lowest grade must have no min (or min: 0), or low scores get no grade'),
      });
      return z.NEVER;
    }
    return { grades, streakScore: a.streak_score ?? 90 };
  });

export const regulationFileSchema = z.strictObject({
  /** The company (or department) named at the top of every document. */
  company: z.string().trim().min(1).default(DEFAULT_COMPANY),
  base_score: z.number().positive().default(100),
  pass_mark: z.number().min(0).default(60),
  floor: z.number().min(0).default(0),
  hours: z.preprocess(blankAsAbsent, hoursSchema.optional()),
  columns: z.preprocess(blankAsAbsent, columnsSchema.optional()),
  annual: z.preprocess(blankAsAbsent, annualSchema.optional()),
  inventory: z.preprocess(blankAsAbsent, z.strictObject({ costing: z.enum(COSTING_METHODS).default('standard') }).optional()),
  rules: z.array(z.unknown()),
});
