import rule from '../../src/rules/ed-2.js';
import { listing, ruleTester, t } from './tester.js';

const upd = (notified: string, done: string | undefined, p: Partial<Parameters<typeof listing>[0]> = {}) =>
  listing({ kind: '更新', notified_at: t(notified), done_at: done === undefined ? undefined : t(done), ...p });

ruleTester(rule, {
  valid: [
    { name: 'done exactly 24 h later', records: { listings: [upd('2024-05-06 10:00', '2024-05-07 10:00:00')] } },
    { name: 'important, done exactly 12 h later', records: { listings: [upd('2024-05-06 10:00', '2024-05-06 22:00:00', { important: true })] } },
    { name: 'new listings are ED-1’s', records: { listings: [upd('2024-05-06 10:00', undefined, { kind: '上线' })] } },
  ],
  invalid: [
    {
      name: 'done 24 h and 1 s later',
      records: { listings: [upd('2024-05-06 10:00', '2024-05-07 10:00:01')] },
      violations: [{ staff: '赵六', points: 3, date: '2024-05-07T10:00:00', reason: 'P-1 于 2024-05-06 10:00:00 通知更新，2024-05-07 10:00:01 才更新，超过 24 小时', messageId: 'late' }],
    },
    {
      name: 'important, done 12 h and 1 s later',
      records: { listings: [upd('2024-05-06 10:00', '2024-05-06 22:00:01', { important: true })] },
      violations: [{ staff: '赵六', points: 3, date: '2024-05-06T22:00:00', reason: '超过 12 小时' }],
    },
    {
      name: 'never done',
      records: { listings: [upd('2024-05-06 10:00', undefined)] },
      violations: [{ staff: '赵六', points: 3, date: '2024-05-07T10:00:00', reason: '24 小时内未更新', messageId: 'not_done' }],
    },
    {
      name: 'exempt',
      records: { listings: [upd('2024-05-06 10:00', undefined, { exempt: true, exempt_reason: '等待供应商资料' })] },
      violations: [{ staff: '赵六', points: 3, date: '2024-05-07T10:00:00', reason: '未更新', exempt: true }],
    },
  ],
});
