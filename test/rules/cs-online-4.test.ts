import rule from '../../src/rules/cs-online-4.js';
import { message, ruleTester, t } from './tester.js';

const msg = (received: string, handled: string | undefined, p: Partial<Parameters<typeof message>[0]> = {}) =>
  message({ received_at: t(received), handled_at: handled === undefined ? undefined : t(handled), ...p });

ruleTester(rule, {
  valid: [
    { name: 'before 18:00 on a working day, handled at 23:59:59 that day', records: { consultations: [msg('2024-05-06 17:59:59', '2024-05-06 23:59:59')] } },
    { name: 'at 18:00:00, handled at 12:00:00 the next working day', records: { consultations: [msg('2024-05-06 18:00:00', '2024-05-07 12:00:00')] } },
    { name: 'Friday 10 May 18:30 belongs to make-up Saturday 11 May: handled 11 May 12:00:00', records: { consultations: [msg('2024-05-10 18:30:00', '2024-05-11 12:00:00')] } },
    { name: 'during the 1–5 May holiday: due Monday 6 May 12:00, handled exactly then', records: { consultations: [msg('2024-05-03 10:00:00', '2024-05-06 12:00:00')] } },
    { name: 'Sunday 12 May: due Monday 13 May 12:00', records: { consultations: [msg('2024-05-12 09:00:00', '2024-05-13 11:59:00')] } },
    { name: 'a note of exactly 2 characters', records: { consultations: [msg('2024-05-06 10:00:00', '2024-05-06 11:00:00', { note: ' 已回 ' })] } },
    { name: 'chats and calls are not messages', records: { consultations: [msg('2024-05-06 10:00:00', undefined, { channel: '旺旺' }), msg('2024-05-06 10:00:00', undefined, { channel: '电话' })] } },
    { name: 'a deadline of 1 June is not May’s', records: { consultations: [msg('2024-05-31 18:00:00', undefined)] } },
    {
      name: 'open at as-of with its deadline after it: pending, no violation',
      asOf: '2024-05-20 12:00:00',
      records: { consultations: [msg('2024-05-20 09:00:00', '2024-05-20 15:00:00'), msg('2024-05-20 13:00:00', undefined)] },
      pending: [{ staff: '张三', deadline: '2024-05-20T23:59:59' }],
    },
  ],
  invalid: [
    {
      name: 'before 18:00, handled at 00:00:00 the next day',
      records: { consultations: [msg('2024-05-06 17:59:59', '2024-05-07 00:00:00')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T23:59:59', reason: '留言 2024-05-06 17:59:59 于 2024-05-07 00:00:00 处理，晚于截止 2024-05-06 23:59:59', messageId: 'late' }],
    },
    {
      name: 'at 18:00:00, handled at 12:00:01 the next working day',
      records: { consultations: [msg('2024-05-06 18:00:00', '2024-05-07 12:00:01')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-07T12:00:00', reason: '晚于截止 2024-05-07 12:00:00' }],
    },
    {
      name: 'Friday 10 May 18:30, handled Monday 13 May: late for Saturday 11 May 12:00',
      records: { consultations: [msg('2024-05-10 18:30:00', '2024-05-13 09:00:00')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-11T12:00:00', reason: '晚于截止 2024-05-11 12:00:00' }],
    },
    {
      name: 'during the 1–5 May holiday, handled 6 May 12:00:01',
      records: { consultations: [msg('2024-05-01 08:00:00', '2024-05-06 12:00:01')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T12:00:00', reason: '留言 2024-05-01 08:00:00' }],
    },
    {
      name: 'not handled',
      records: { consultations: [msg('2024-05-06 10:00:00', undefined)] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T23:59:59', reason: '留言 2024-05-06 10:00:00 未处理（截止 2024-05-06 23:59:59）', messageId: 'not_handled' }],
    },
    {
      name: 'a note of 1 character after trimming',
      records: { consultations: [msg('2024-05-06 10:00:00', '2024-05-06 11:00:00', { note: ' 好 ' })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T23:59:59', reason: '处理批注「好」少于 2 个字', messageId: 'no_note' }],
    },
    {
      name: 'no note at all',
      records: { consultations: [msg('2024-05-06 10:00:00', '2024-05-06 11:00:00', { note: undefined })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T23:59:59', reason: '少于 2 个字' }],
    },
    {
      name: 'late and without a note: one violation, the reason names the first fault',
      records: { consultations: [msg('2024-05-06 10:00:00', '2024-05-07 09:00:00', { note: '' })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T23:59:59', reason: '晚于截止', messageId: 'late' }],
    },
    {
      name: 'a deadline of 31 May 23:59:59 is May’s',
      records: { consultations: [msg('2024-05-31 17:59:59', undefined, { staff: '李四' })] },
      violations: [{ staff: '李四', points: 1.5, date: '2024-05-31T23:59:59', reason: '未处理' }],
    },
    {
      name: 'Tuesday 30 April 18:00 belongs to Monday 6 May: due 6 May 12:00',
      records: { consultations: [msg('2024-04-30 18:00:00', undefined)] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T12:00:00', reason: '留言 2024-04-30 18:00:00 未处理' }],
    },
    {
      name: 'exempt',
      records: { consultations: [msg('2024-05-06 10:00:00', undefined, { exempt: true, exempt_reason: '客户失联' })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T23:59:59', reason: '未处理', exempt: true }],
    },
    {
      name: 'min_note_chars 5',
      params: { min_note_chars: 5 },
      records: { consultations: [msg('2024-05-06 10:00:00', '2024-05-06 11:00:00', { note: '已处理好' })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T23:59:59', reason: '少于 5 个字' }],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: 'month of April: Sunday 28 April is a make-up working day (due that day)', month: '2024-04', records: { consultations: [msg('2024-04-28 17:00:00', '2024-04-28 23:59:59')] } }],
  invalid: [
    {
      name: 'month of April: Sunday 28 April, handled the next morning',
      month: '2024-04',
      records: { consultations: [msg('2024-04-28 17:00:00', '2024-04-29 08:00:00')] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-04-28T23:59:59', reason: '晚于截止 2024-04-28 23:59:59' }],
    },
  ],
});
