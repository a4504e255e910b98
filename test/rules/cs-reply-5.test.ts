import rule from '../../src/rules/cs-reply-5.js';
import { chat, ruleTester, t } from './tester.js';

const c = (rating: '好评' | '中评' | '差评' | undefined, text?: string) =>
  chat({ received_at: t('2024-05-06 10:00:00'), rating, review_text: text });

ruleTester(rule, {
  valid: [
    { name: 'good, neutral and no rating', records: { consultations: [c('好评', '很好'), c('中评', '一般'), c(undefined)] } },
    { name: 'a bad review dated in April', records: { consultations: [chat({ received_at: t('2024-04-30 23:59:59'), rating: '差评' })] } },
  ],
  invalid: [
    {
      name: 'a bad review without a comment: 3',
      records: { consultations: [c('差评')] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-06T10:00:00', reason: '差评（无文字评价）', messageId: 'bad' }],
    },
    {
      name: 'a blank comment is no comment: 3',
      records: { consultations: [c('差评', '   ')] },
      violations: [{ staff: '张三', points: 3, date: '2024-05-06T10:00:00', reason: '差评（无文字评价）' }],
    },
    {
      name: 'a bad review with a comment: 5 instead of 3',
      records: { consultations: [c('差评', '态度太差了')] },
      violations: [{ staff: '张三', points: 5, date: '2024-05-06T10:00:00', reason: '差评，文字评价「态度太差了」', messageId: 'bad_with_text' }],
    },
    {
      name: 'points_with_text 4',
      params: { points_with_text: 4 },
      records: { consultations: [c('差评', '差')] },
      violations: [{ staff: '张三', points: 4, date: '2024-05-06T10:00:00', reason: '差评' }],
    },
  ],
});
