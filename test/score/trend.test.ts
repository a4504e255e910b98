import { describe, expect, it } from 'vitest';
import type { StaffScore } from '../../src/score/score.js';
import { trendOf } from '../../src/score/trend.js';

const row = (name: string, score: number) => ({ name, score }) as StaffScore;
const month = (m: string, staff: { name: string; score?: number }[]) => ({ month: m, staff: staff.map((s) => ({ ...s, passed: true })) });

describe('trendOf', () => {
  it('lists the last 12 months with scores, this one last, and the change from last month', () => {
    const t = trendOf('2024-05', [row('甲', 92.5), row('乙', 80), row('丙', 100)], [
      month('2023-05', [{ name: '甲', score: 10 }]), // 12 months back: out
      month('2023-06', [{ name: '甲', score: 90 }]),
      month('2024-03', [{ name: '乙', score: 85 }]),
      month('2024-04', [{ name: '甲', score: 95 }, { name: '乙', score: 79.5 }]),
      month('2024-06', [{ name: '甲', score: 1 }]), // later: out
    ])!;
    expect(t.months).toEqual(['2023-06', '2024-03', '2024-04', '2024-05']);
    expect(t.staff).toEqual([
      { name: '甲', scores: { '2023-06': 90, '2024-04': 95, '2024-05': 92.5 }, change: -2.5 },
      { name: '乙', scores: { '2024-03': 85, '2024-04': 79.5, '2024-05': 80 }, change: 0.5 },
      { name: '丙', scores: { '2024-05': 100 }, change: null }, // new this month
    ]);
  });

  it('is absent without earlier months holding scores (history from before scores were saved)', () => {
    expect(trendOf('2024-05', [row('甲', 90)], [])).toBeUndefined();
    expect(trendOf('2024-05', [row('甲', 90)], [month('2024-04', [{ name: '甲' }])])).toBeUndefined();
  });

  it('crosses the year: January compares with December', () => {
    const t = trendOf('2024-01', [row('甲', 90)], [month('2023-12', [{ name: '甲', score: 95 }])])!;
    expect(t.staff[0].change).toBe(-5);
  });
});
