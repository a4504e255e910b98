import rule from '../../src/rules/cs-meet-1.js';
import { meeting, ruleTester, t } from './tester.js';

const m = (at: string, signed: string | undefined, p: Partial<Parameters<typeof meeting>[0]> = {}) =>
  meeting({ meeting_at: t(at), signed_at: signed === undefined ? undefined : t(signed), ...p });

ruleTester(rule, {
  valid: [
    { name: 'signed in at the meeting time', records: { meetings: [m('2024-05-06 09:00:00', '2024-05-06 09:00:00')] } },
    { name: 'signed in early', records: { meetings: [m('2024-05-06 09:00:00', '2024-05-06 08:50:00')] } },
    { name: 'grace_minutes 5: signed in at +5:00', params: { grace_minutes: 5 }, records: { meetings: [m('2024-05-06 09:00:00', '2024-05-06 09:05:00')] } },
  ],
  invalid: [
    {
      name: 'signed in one second late',
      records: { meetings: [m('2024-05-06 09:00:00', '2024-05-06 09:00:01')] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-06T09:00:00', reason: '会议 周会（2024-05-06 09:00:00）于 2024-05-06 09:00:01 签到，迟到', messageId: 'late' }],
    },
    {
      name: 'absent',
      records: { meetings: [m('2024-05-06 09:00:00', undefined, { meeting: '月会', staff: '赵六' })] },
      violations: [{ staff: '赵六', points: 0.5, date: '2024-05-06T09:00:00', reason: '会议 月会（2024-05-06 09:00:00）未签到', messageId: 'absent' }],
    },
    {
      name: 'grace_minutes 5: signed in at +5:01',
      params: { grace_minutes: 5 },
      records: { meetings: [m('2024-05-06 09:00:00', '2024-05-06 09:05:01', { meeting: undefined })] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-06T09:00:00', reason: '会议（2024-05-06 09:00:00）于 2024-05-06 09:05:01 签到' }],
    },
    {
      name: 'exempt',
      records: { meetings: [m('2024-05-06 09:00:00', undefined, { exempt: true, exempt_reason: '请假' })] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-06T09:00:00', reason: '未签到', exempt: true }],
    },
  ],
});
