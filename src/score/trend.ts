/**
 * Each person's trend in the monthly assessment: their scores over the last 12 months (this one and the earlier
 * ones saved in the history folder) and the change from last month. Only when an earlier month has scores.
 */
import type { StaffScore } from './score.js';

export interface Trend {
  /** `YYYY-MM`, oldest first, this month last: the months of the last 12 with an assessment. */
  months: string[];
  staff: {
    name: string;
    /** Month → score, for the months the person was assessed in. */
    scores: Record<string, number>;
    /** This month's score minus last month's; null when the person has no score last month. */
    change: number | null;
  }[];
}

const shift = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/** Earlier assessments as history.ts reads them; months without scores (older files) are ignored. */
type Earlier = readonly { month: string; staff: readonly { name: string; score?: number }[] }[];

export function trendOf(month: string, rows: readonly StaffScore[], history: Earlier): Trend | undefined {
  const from = shift(month, -11);
  const earlier = history.filter((h) => h.month >= from && h.month < month && h.staff.some((s) => s.score !== undefined));
  if (earlier.length === 0) return undefined;
  const previous = shift(month, -1);
  const months = [...earlier.map((h) => h.month).sort(), month];
  return {
    months,
    staff: rows.map((r) => {
      const scores: Record<string, number> = {};
      for (const h of [...earlier].sort((a, b) => a.month.localeCompare(b.month))) {
        const s = h.staff.find((x) => x.name === r.name)?.score;
        if (s !== undefined) scores[h.month] = s;
      }
      scores[month] = r.score;
      const last = scores[previous];
      return { name: r.name, scores, change: last === undefined ? null : Math.round((r.score - last) * 100) / 100 };
    }),
  };
}
