/** The annual assessment's arithmetic, grades, 服务之星 and the year's consultation pass, on records built inline. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/calendar.js';
import { ConfigFileError, parseRegulation } from '../../src/regulation/index.js';
import { assessYear, gradeOf, longestRun, meanHalfUp, YearPass } from '../../src/score/annual.js';
import type { SavedAssessment } from '../../src/score/history.js';
import { scoreMonth } from '../../src/score/score.js';
import { chat, records, regulation, shipment, t } from '../rules/tester.js';

const calendar = createCalendar();
const options = () => ({ regulation: regulation(), calendar, year: 2024 });

type Saved = { name: string; role?: string; score: number; deducted?: number; passed?: boolean; bad?: number };
const saved = (month: string, staff: Saved[]): SavedAssessment => ({
  month,
  staff: staff.map((s) => ({ name: s.name, role: s.role ?? '客服', score: s.score, deducted: s.deducted ?? 100 - s.score, passed: s.passed ?? s.score >= 60 })),
  badReviews: new Map(staff.map((s) => [s.name, s.bad ?? 0])),
  kpis: new Map(staff.map((s) => [s.name, { badReviews: s.bad ?? 0, consultations: 10 }])),
});

/** The year from saved months only (no logs). */
function yearOf(months: SavedAssessment[]) {
  return assessYear(records({ staff: [] }), new YearPass(options()), months, options());
}

describe('the annual score and its grade', () => {
  it('is the mean of the months assessed, half-up to the cent', () => {
    expect(meanHalfUp([89.99, 90])).toBe(90); // 89.995 → 90.00
    expect(meanHalfUp([89.98, 89.99])).toBe(89.99); // 89.985 → 89.99
    expect(meanHalfUp([90, 89.99, 89.99])).toBe(89.99); // 89.9933…
    expect(meanHalfUp([92.5, 91, 81.5])).toBe(88.33);
    expect(meanHalfUp([0.1, 0.2])).toBe(0.15);
  });

  it('takes the highest grade whose min it reaches: 89.99 is 良好, 90.00 is 优秀', () => {
    const grades = regulation().annual.grades;
    const g = (s: number) => [gradeOf(s, grades).grade, gradeOf(s, grades).bonus];
    expect(g(100)).toEqual(['优秀', 1.2]);
    expect(g(90)).toEqual(['优秀', 1.2]);
    expect(g(89.99)).toEqual(['良好', 1]);
    expect(g(80)).toEqual(['良好', 1]);
    expect(g(79.99)).toEqual(['合格', 0.8]);
    expect(g(60)).toEqual(['合格', 0.8]);
    expect(g(59.99)).toEqual(['不合格', 0]);
    expect(g(0)).toEqual(['不合格', 0]);
  });

  it('grades people across the boundary from their months', () => {
    const y = yearOf([saved('2024-01', [{ name: '甲', score: 90 }, { name: '乙', score: 89.98 }, { name: '丙', score: 90 }]), saved('2024-02', [{ name: '甲', score: 89.99 }, { name: '乙', score: 90 }, { name: '丙', score: 89.98 }])]);
    expect(y.staff.map((s) => [s.name, s.annualScore, s.grade, s.bonus])).toEqual([
      ['丙', 89.99, '良好', 1],
      ['甲', 90, '优秀', 1.2],
      ['乙', 89.99, '良好', 1],
    ]);
  });

  it('uses the grades of the regulation file, and refuses grades that leave low scores without one', () => {
    const text = readFileSync('templates/regulation.yaml', 'utf8');
    const custom = parseRegulation(text.replace(/annual:\n(?:  .*\n)+/, 'annual:\n  grades:\n    - { grade: A, min: 95, bonus: 1.5 }\n    - { grade: B, bonus: 1 }\n  streak_score: 95\n'));
    expect(custom.annual).toEqual({ grades: [{ grade: 'A', min: 95, bonus: 1.5 }, { grade: 'B', min: 0, bonus: 1 }], streakScore: 95 });
    expect(() => parseRegulation(text.replace(/annual:\n(?:  .*\n)+/, 'annual:\n  grades:\n    - { grade: A, min: 95, bonus: 1.5 }\n'))).toThrow(ConfigFileError);
  });

  it('counts the longest run of consecutive assessed months at or above the streak score', () => {
    expect(longestRun([90, 95, 89.99, 90, 91, 92, 80], 90)).toBe(3);
    expect(longestRun([], 90)).toBe(0);
    expect(longestRun([89.99], 90)).toBe(0);
  });
});

describe('服务之星', () => {
  it('goes to the best 客服 with no failed month; ties: fewer points deducted, then fewer 差评; a full tie shares it', () => {
    const y = yearOf([
      saved('2024-01', [
        { name: '甲', score: 95 },
        { name: '乙', score: 95 },
        { name: '丙', score: 100 },
        { name: '丁', score: 99, role: '客服主管' },
        { name: '戊', score: 95, bad: 2 },
        { name: '己', score: 95 },
      ]),
      // 甲 stays at 95 over two months (10 points); 乙, 戊 and 己 leave after January (5 points); 丙 fails February.
      saved('2024-02', [{ name: '甲', score: 95 }, { name: '丙', score: 50 }, { name: '丁', score: 99, role: '客服主管' }]),
    ]);
    expect(y.staff.find((s) => s.name === '丙')).toMatchObject({ annualScore: 75, failedMonths: ['2024-02'] });
    expect(y.stars.map((s) => s.name)).toEqual(['己', '乙']);
    expect(yearOf([saved('2024-01', [{ name: '甲', score: 95, bad: 1 }, { name: '乙', score: 95, bad: 0 }])]).stars.map((s) => s.name)).toEqual(['乙']);
    expect(yearOf([saved('2024-01', [{ name: '甲', score: 50 }])]).stars).toEqual([]);
  });
});

describe('the year\'s consultation pass', () => {
  it('feeds a consultation to every month whose assessment it can change, and to no other', () => {
    const y = new YearPass(options());
    const part = y.part();
    // 29 December 2023, 19:00: belongs to 2 January (New Year off until then); follow-up due 3 January.
    part.add(chat({ received_at: t('2023-12-29 19:00'), needs_follow_up: true }));
    // 31 January, 19:00: belongs to 1 February; follow-up due 2 February, never done.
    part.add(chat({ received_at: t('2024-01-31 19:00'), needs_follow_up: true }));
    // A slow reply on 15 March counts in March only.
    part.add(chat({ received_at: t('2024-03-15 10:00'), first_reply_seconds: 60 }));
    // After the year: nowhere.
    part.add(chat({ received_at: t('2025-01-02 10:00'), first_reply_seconds: 60 }));
    y.merge(part.done());
    const follow = (i: number) => y.passes[i]!.summary().runs.get('CS-FOLLOW-1')!.violations.map((v) => v.date);
    const slow = (i: number) => y.passes[i]!.summary().runs.get('CS-REPLY-3')!.violations.length;
    expect(follow(0)).toEqual([t('2024-01-03 23:59:59')]);
    expect(follow(1)).toEqual([t('2024-02-02 23:59:59')]);
    expect([0, 1, 2, 3, 11].map(slow)).toEqual([0, 0, 1, 0, 0]);
    expect(y.received).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('hands each month\'s consultations over once, and lets the month\'s pass go with them', () => {
    const y = new YearPass(options());
    const part = y.part();
    part.add(chat({ received_at: t('2024-03-15 10:00'), first_reply_seconds: 60 }));
    y.merge(part.done());
    expect(y.take(2).runs.get('CS-REPLY-3')!.violations).toHaveLength(1);
    expect(y.passes[2]).toBeUndefined();
    expect(() => y.take(2)).toThrow(/taken already/);
    expect(y.passes[3]).toBeDefined();
  });

  it('scores a month from the logs as score does, and marks the months with logs', () => {
    const consultations = [chat({ received_at: t('2024-03-15 10:00'), first_reply_seconds: 60 })];
    const y = new YearPass(options());
    const part = y.part();
    for (const c of consultations) part.add(c);
    y.merge(part.done());
    const result = assessYear(records(), y, [saved('2024-03', [{ name: '张三', score: 1 }]), saved('2024-04', [{ name: '张三', score: 97 }])], options());
    expect(result.sources).toEqual({ '2024-03': 'data', '2024-04': 'saved' });
    const zhang = result.staff.find((s) => s.name === '张三')!;
    expect(zhang.months['2024-03']).toBe(result.scored[0].staff.find((s) => s.name === '张三')!.score);
    expect(zhang.months['2024-04']).toBe(97);
  });

  it('scores each month over the orders it can see, as score does over every shipment line of the year', () => {
    const lines = [
      // Never fully shipped: late in January (CS-AFTER-1), then unshipped at every month end after (CS-AFTER-3).
      shipment({ order_id: 'A1', completed_at: t('2024-01-10 10:00'), shipped_at: t('2024-01-11 15:00') }),
      shipment({ order_id: 'A1', sku: 'SKU-2', completed_at: t('2024-01-10 10:00') }),
      // Completed at January's end, shipped 20 February: late, and January's backlog cleared after 7 February.
      shipment({ order_id: 'A2', completed_at: t('2024-01-31 17:00'), shipped_at: t('2024-02-20 11:00') }),
      // Due on Monday 1 July, shipped then: an order of July's 订单发货及时率.
      shipment({ order_id: 'A4', completed_at: t('2024-06-28 17:00'), shipped_at: t('2024-07-01 10:00') }),
      // Due in January 2025: open at the end of December.
      shipment({ order_id: 'A5', completed_at: t('2024-12-31 10:00'), shipped_at: t('2025-01-02 10:00') }),
      // One order on time in every month, so that every month has logs.
      ...Array.from({ length: 12 }, (_, i) => {
        const day = `2024-${String(i + 1).padStart(2, '0')}-10`;
        return shipment({ order_id: `M${i + 1}`, completed_at: t(`${day} 10:00`), shipped_at: t(`${day} 15:00`) });
      }),
    ];
    const all = records({ shipments: lines });
    const result = assessYear(all, new YearPass(options()), [], options());
    expect(result.scored.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`));
    for (const month of result.scored) {
      const alone = scoreMonth(all, { regulation: regulation(), calendar, month: month.month, asOf: month.asOf });
      expect(month.staff, month.month).toEqual(alone.staff);
      expect(month.kpis, month.month).toEqual(alone.kpis);
      expect(month.coverage, month.month).toEqual(alone.coverage);
    }
    // What the months see of the shipments: A1 late in January, then in the backlog of every month end after it; A2
    // late, and in January's backlog, both in February.
    const after = result.scored.map((m) => scoreMonth(all, { regulation: regulation(), calendar, month: m.month, asOf: m.asOf })
      .violations.filter((v) => v.rule.startsWith('CS-AFTER')).map((v) => `${v.rule} ${/order (\w+)/.exec(v.reason.en)?.[1]}`).sort());
    expect(after[0]).toEqual(['CS-AFTER-1 A1']);
    expect(after[1]).toEqual(['CS-AFTER-1 A2', 'CS-AFTER-3 A1', 'CS-AFTER-3 A2']);
    for (const m of after.slice(2)) expect(m).toEqual(['CS-AFTER-3 A1']);
  });
});
