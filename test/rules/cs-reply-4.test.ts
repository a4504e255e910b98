import rule from '../../src/rules/cs-reply-4.js';
import { call, ruleTester, t } from './tester.js';

const c = (received: string, p: Partial<Parameters<typeof call>[0]> = {}) => call({ received_at: t(received), ...p });

ruleTester(rule, {
  valid: [
    { name: '10 rings', records: { consultations: [c('2024-05-06 10:00:00', { rings: 10 })] } },
    { name: 'not answered at 23:00:00 (outside online hours)', records: { consultations: [c('2024-05-06 23:00:00', { answered: false, rings: undefined })] } },
    { name: '30 rings at 08:59:59 (outside online hours)', records: { consultations: [c('2024-05-06 08:59:59', { rings: 30 })] } },
  ],
  invalid: [
    {
      name: '11 rings',
      records: { consultations: [c('2024-05-06 10:00:00', { rings: 11 })] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '电话响铃 11 声 > 10 声', messageId: 'rings' }],
    },
    {
      name: 'not answered at 22:59:59',
      records: { consultations: [c('2024-05-06 22:59:59', { answered: false, rings: undefined })] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T22:59:59', reason: '未接听', messageId: 'missed' }],
    },
    {
      name: 'not answered at 09:00:00, exempt',
      records: { consultations: [c('2024-05-06 09:00:00', { answered: false, exempt: true, exempt_reason: '线路故障' })] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T09:00:00', reason: '未接听', exempt: true }],
    },
  ],
});
