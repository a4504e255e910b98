import rule from '../../src/rules/cs-online-3.js';
import { presence, ruleTester, t } from './tester.js';

const away = (from: string, to: string, p: Partial<Parameters<typeof presence>[0]> = {}) =>
  presence({ left_at: t(from), back_at: t(to), ...p });

ruleTester(rule, {
  valid: [
    { name: 'Sunday 12 May, 61 s with a cover', records: { presence: [away('2024-05-12 15:00:00', '2024-05-12 15:01:01', { cover: '李四' })] } },
    { name: 'Sunday 12 May, exactly 60 s', records: { presence: [away('2024-05-12 15:00:00', '2024-05-12 15:01:00')] } },
    { name: 'make-up Saturday 11 May is a working day', records: { presence: [away('2024-05-11 15:00:00', '2024-05-11 15:30:00')] } },
    { name: 'an ordinary Monday', records: { presence: [away('2024-05-06 15:00:00', '2024-05-06 15:30:00')] } },
  ],
  invalid: [
    {
      name: 'Sunday 12 May, 61 s, no cover',
      records: { presence: [away('2024-05-12 15:00:00', '2024-05-12 15:01:01')] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-12T15:00:00', reason: '非工作日值班离岗 2024-05-12 15:00:00–15:01:01（61 秒 > 60 秒），无人暂替' }],
    },
    {
      name: 'Labour Day holiday (Wednesday 1 May)',
      records: { presence: [away('2024-05-01 10:00:00', '2024-05-01 10:10:00', { staff: '李四' })] },
      violations: [{ staff: '李四', points: 1, date: '2024-05-01T10:00:00', reason: '600 秒' }],
    },
    {
      name: 'exempt',
      records: { presence: [away('2024-05-12 10:00:00', '2024-05-12 10:10:00', { exempt: true, exempt_reason: '客户来电' })] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-12T10:00:00', reason: '无人暂替', exempt: true }],
    },
  ],
});
