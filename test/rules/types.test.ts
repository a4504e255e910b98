/**
 * A rule's message ids are typed: `message:` must be a key of its `messages`. The @ts-expect-error lines make
 * `npm run typecheck` fail if a misspelt id ever compiles again; at run time the context still refuses one.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCalendar } from '../../src/calendar/calendar.js';
import { parseMonth, wall } from '../../src/core/time.js';
import { runRule, StaffDirectory } from '../../src/rules/index.js';
import { defineRule } from '../../src/rules/types.js';
import { records, regulation } from './tester.js';

const source = { file: 'f.xlsx', sheet: 'Sheet1', row: 2 };

const rule = (typo: boolean) =>
  defineRule({
    meta: {
      code: 'TEST-1',
      clause: { zh: '测试', en: 'test' },
      source: ['consultations'],
      points: 1,
      params: z.strictObject({}),
      messages: { late: { zh: '迟到 {min} 分钟', en: '{min} minutes late' } },
    },
    *check(ctx) {
      if (!typo) {
        yield ctx.violation({ staff: '张三', date: wall(2024, 5, 6), source, message: 'late', values: { min: 3 } });
        return;
      }
      // @ts-expect-error: not a message of this rule
      yield ctx.violation({ staff: '张三', date: wall(2024, 5, 6), source, message: 'lat' });
    },
  });

function runIt(typo: boolean) {
  const month = parseMonth('2024-05')!;
  return runRule(rule(typo), {}, 1, {
    records: records(),
    calendar: createCalendar(),
    hours: regulation().hours,
    staff: new StaffDirectory([]),
    month,
    asOf: month.end,
  });
}

describe('typed message ids', () => {
  it('a declared id gives its message', () => {
    expect(runIt(false).violations.map((v) => [v.messageId, v.reason])).toEqual([['late', { zh: '迟到 3 分钟', en: '3 minutes late' }]]);
  });
  it('an id the rule does not declare is refused at run time too', () => {
    expect(() => runIt(true)).toThrow('TEST-1: no message lat');
  });
});
