import rule from '../../src/rules/cs-meet-1.js';
import { meeting, ruleTester, t } from './tester.js';

const m = (at: string, signed: string | undefined, p: Partial<Parameters<typeof meeting>[0]> = {}) =>
  meeting({ meeting_at: t(at), signed_at: signed === undefined ? undefined : t(signed), ...p });

ruleTester(rule, {
  valid: [
    { name: 'signed in at the meeting time', records: { meetings: [m('2024-05-06 09:00:00', '2024-05-06 09:00:00')] } },
    { name: 'signed in early', records: { meetings: [m('2024-05-06 09:00:00', '2024-05-06 08:50:00')] } },
    { name: 'grace_minutes 5: signed in at +5:00', params: { grace_minutes: 5 }, records: { meetings: [m('2024-05-06 09:00:00', '2024-05-06 09:05:00')] } },
    { name: 'a 产品培训 is not a department 周会/月会', records: { meetings: [m('2024-05-06 14:00:00', undefined, { meeting: '产品培训' })] } },
    { name: 'meetings [月会]: a 周会 is not charged', params: { meetings: ['月会'] }, records: { meetings: [m('2024-05-06 09:00:00', undefined)] } },
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
      name: 'a name that holds one of the meetings (部门周会) counts, in Traditional too (月會)',
      records: { meetings: [m('2024-05-06 09:00:00', undefined, { meeting: '部门周会' }), m('2024-05-31 16:00:00', undefined, { meeting: '5月月會' })] },
      violations: [
        { staff: '张三', points: 0.5, date: '2024-05-06T09:00:00', reason: '会议 部门周会（2024-05-06 09:00:00）未签到' },
        { staff: '张三', points: 0.5, date: '2024-05-31T16:00:00', reason: '会议 5月月會（2024-05-31 16:00:00）未签到' },
      ],
    },
    {
      name: 'meetings [产品培训]: the department configures which meetings the clause covers',
      params: { meetings: ['产品培训'] },
      records: { meetings: [m('2024-05-06 14:00:00', undefined, { meeting: '产品培训' })] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-06T14:00:00', reason: '产品培训' }],
    },
    {
      name: 'exempt',
      records: { meetings: [m('2024-05-06 09:00:00', undefined, { exempt: true, exempt_reason: '请假' })] },
      violations: [{ staff: '张三', points: 0.5, date: '2024-05-06T09:00:00', reason: '未签到', exempt: true }],
    },
  ],
});
