import rule from '../../src/rules/cs-reply-3.js';
import { chat, ruleTester, t } from './tester.js';

const c = (received: string, seconds: number, p: Partial<Parameters<typeof chat>[0]> = {}) =>
  chat({ received_at: t(received), first_reply_seconds: seconds, ...p });

ruleTester(rule, {
  valid: [
    { name: '45 s', records: { consultations: [c('2024-05-06 10:00:00', 45)] } },
    { name: '45 s from first_reply_at', records: { consultations: [c('2024-05-06 10:00:00', 0, { first_reply_seconds: undefined, first_reply_at: t('2024-05-06 10:00:45') })] } },
    { name: 'before online hours (08:59:59)', records: { consultations: [c('2024-05-06 08:59:59', 300)] } },
    { name: 'at the end of online hours (23:00:00)', records: { consultations: [c('2024-05-06 23:00:00', 300)] } },
    { name: 'first_reply_seconds wins over first_reply_at', records: { consultations: [c('2024-05-06 10:00:00', 30, { first_reply_at: t('2024-05-06 10:05:00') })] } },
    { name: 'a call is not a chat', records: { consultations: [c('2024-05-06 10:00:00', 300, { channel: '电话', rings: 1 })] } },
    { name: 'never replied to, but received after online hours (23:00:00)', records: { consultations: [c('2024-05-06 23:00:00', 0, { first_reply_seconds: undefined })] } },
  ],
  invalid: [
    {
      name: '漏客: a chat never replied to (both reply columns blank) in online hours',
      records: { consultations: [c('2024-05-06 22:59:59', 0, { first_reply_seconds: undefined, staff: '李四' })] },
      violations: [{ staff: '李四', points: 1, date: '2024-05-06T22:59:59', reason: '未回复（漏客）', reasonEn: 'never replied to (missed customer)', messageId: 'unanswered' }],
    },
    {
      name: '漏客 on the make-up Saturday 11 May, exempt with a reason',
      records: { consultations: [c('2024-05-11 09:00:00', 0, { first_reply_seconds: undefined, exempt: true, exempt_reason: '系统故障' })] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-11T09:00:00', reason: '未回复（漏客）', exempt: true }],
    },
    {
      name: '46 s',
      records: { consultations: [c('2024-05-06 10:00:00', 46)] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '首次回复 46 秒 > 45 秒', reasonEn: 'first reply after 46 s > 45 s' }],
    },
    {
      name: '62 s from first_reply_at',
      records: { consultations: [c('2024-05-06 10:00:00', 0, { first_reply_seconds: undefined, first_reply_at: t('2024-05-06 10:01:02') })] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '首次回复 62 秒 > 45 秒' }],
    },
    {
      name: 'at the start of online hours (09:00:00) and just before the end (22:59:59)',
      records: { consultations: [c('2024-05-06 09:00:00', 46), c('2024-05-06 22:59:59', 46, { staff: '李四' })] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T09:00:00', reason: '46 秒' },
        { staff: '李四', points: 1, date: '2024-05-06T22:59:59', reason: '46 秒' },
      ],
    },
    {
      name: 'online hours apply on non-working days',
      records: { consultations: [c('2024-05-01 10:00:00', 50.5)] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-01T10:00:00', reason: '50.5 秒' }],
    },
    {
      name: 'exempt',
      records: { consultations: [c('2024-05-06 10:00:00', 90, { exempt: true, exempt_reason: '系统卡顿' })] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '90 秒', exempt: true }],
    },
    {
      name: 'max_seconds 30',
      params: { max_seconds: 30 },
      records: { consultations: [c('2024-05-06 10:00:00', 31), c('2024-05-06 11:00:00', 30)] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '31 秒 > 30 秒' }],
    },
  ],
});
