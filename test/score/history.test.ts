import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/calendar.js';
import { loadHistory } from '../../src/score/history.js';
import { scoreMonth, scoreToJson } from '../../src/score/score.js';
import { incident, records, regulation, t } from '../rules/tester.js';

describe('loadHistory', () => {
  it('no folder given, or a folder that does not exist: no history, no issue', () => {
    expect(loadHistory(undefined)).toEqual({ months: [], issues: [] });
    expect(loadHistory('/nonexistent/history')).toEqual({ months: [], issues: [] });
  });

  it('reads the JSON of `ecops score --json` saved as score-YYYY-MM.json, oldest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecops-history-'));
    const april = scoreMonth(records({ incidents: [incident({ date: t('2024-04-10'), rule: 'CS-DATA-3', count: 5 })] }), { regulation: regulation(), calendar: createCalendar(), month: '2024-04' });
    writeFileSync(join(dir, 'score-2024-04.json'), JSON.stringify(scoreToJson(april, 'zh'), null, 2));
    writeFileSync(join(dir, 'score-2024-03.json'), '\uFEFF' + JSON.stringify({ month: '2024-03', staff: [{ name: '李四', passed: false, score: 50, extra: 1 }] }));
    writeFileSync(join(dir, 'score-2024-05.json'), JSON.stringify({ month: '2024-05', staff: [] }));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    mkdirSync(join(dir, 'score-2024-01.json')); // a folder with a history-like name
    writeFileSync(join(dir, 'score-2024-02.json'), '{ not json');
    writeFileSync(join(dir, 'score-2023-12.json'), JSON.stringify({ month: '2023-11', staff: [] }));
    writeFileSync(join(dir, 'score-2023-10.json'), JSON.stringify({ staff: [{ name: '张三' }] }));
    const h = loadHistory(dir, '2024-05');
    expect(h.months.map((m) => m.month)).toEqual(['2024-03', '2024-04']);
    expect(h.months[0].staff).toEqual([{ name: '李四', passed: false, score: 50 }]);
    expect(h.months[1].staff.find((s) => s.name === '张三')).toEqual({ name: '张三', role: '客服', passed: false, score: 47.5, deducted: 52.5 }); // CS-DATA-3 × 5, and CS-DATA-2 for 5 weeks
    expect(h.months[1].badReviews.get('张三')).toBe(0);
    expect(h.issues.map((i) => [i.severity, i.code, i.file.split('/').pop()])).toEqual([
      ['warning', 'file-error', 'score-2023-10.json'],
      ['warning', 'file-error', 'score-2023-12.json'],
      ['warning', 'file-error', 'score-2024-01.json'],
      ['warning', 'file-error', 'score-2024-02.json'],
    ]);
  });
});
