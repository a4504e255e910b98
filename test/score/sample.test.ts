/** The sample month of fixtures/sample against fixtures/expected-breaches.md (hand-computed). */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/calendar.js';
import { formatWall } from '../../src/core/time.js';
import { loadData } from '../../src/logs/load.js';
import { incidentRulesOf, loadRegulation } from '../../src/regulation/index.js';
import { scoreMonth } from '../../src/score/score.js';

describe('fixtures/sample, May 2024', async () => {
  const regulation = loadRegulation();
  const data = await loadData('fixtures/sample', { aliases: regulation.columns, incidentRules: incidentRulesOf(regulation) });
  const result = scoreMonth(data.records, { regulation, calendar: createCalendar(), month: '2024-05' });

  it('finds the 79 planted violations and the hand-computed scores', () => {
    expect(result.violations).toHaveLength(79);
    expect(result.staff.map((s) => [s.name, s.role, s.deducted, s.score, s.passed, s.violations])).toEqual([
      ['王磊', '负责人', 5, 95, true, 1],
      ['刘芳', '客服主管', 8.5, 91.5, true, 6],
      ['张婷', '客服', 17.5, 82.5, true, 18],
      ['李娜', '客服', 20, 80, true, 16],
      ['陈静', '客服', 18.5, 81.5, true, 14],
      ['赵敏', '客服', 7.5, 92.5, true, 5],
      ['孙悦', '客服', 9, 91, true, 7],
      ['周晓峰', '在线编辑', 26, 74, true, 8],
      ['黄丽', '文案', 2, 98, true, 1],
      ['林浩', '美工', 3.5, 96.5, true, 2],
      ['马强', '仓库主管', 0, 100, true, 0],
      ['何军', '打包员', 0, 100, true, 1],
    ]);
    expect(result.issues).toEqual([]);
  });

  it('张婷’s CS-FOLLOW-1 sequence: 0.5, exempt 0, 0.5, then doubled', () => {
    const seq = result.violations.filter((v) => v.rule === 'CS-FOLLOW-1' && v.staff === '张婷').map((v) => [formatWall(v.date), v.points, v.exempt]);
    expect(seq).toEqual([
      ['2024-05-07T23:59:59', 0.5, false],
      ['2024-05-08T23:59:59', 0, true],
      ['2024-05-10T23:59:59', 0.5, false],
      ['2024-05-13T23:59:59', 1, false],
      ['2024-05-22T23:59:59', 1, false],
    ]);
  });
});
