import rule from '../../src/rules/cs-online-1.js';
import { presence, ruleTester, staffRecord, t } from './tester.js';

const away = (from: string, to: string, p: Partial<Parameters<typeof presence>[0]> = {}) =>
  presence({ left_at: t(from), back_at: t(to), ...p });

ruleTester(rule, {
  valid: [
    { name: 'back at exactly 11:30:00 does not overlap lunch', records: { presence: [away('2024-05-06 11:00:00', '2024-05-06 11:30:00')] } },
    { name: 'leaving at exactly 13:30:00 does not overlap lunch', records: { presence: [away('2024-05-06 13:30:00', '2024-05-06 13:45:00')] } },
    { name: 'exactly 60 s at lunch is not longer than 60 s', records: { presence: [away('2024-05-06 12:00:00', '2024-05-06 12:01:00')] } },
    { name: 'a cover is named', records: { presence: [away('2024-05-06 12:00:00', '2024-05-06 12:30:00', { cover: '李四' })] } },
    { name: 'a violation dated outside the month', records: { presence: [away('2024-04-30 12:00:00', '2024-04-30 12:30:00')] } },
    {
      name: 'a longer limit (max_away_seconds 120): 120 s keeps it',
      params: { max_away_seconds: 120 },
      records: { presence: [away('2024-05-06 12:00:00', '2024-05-06 12:02:00')] },
    },
  ],
  invalid: [
    {
      name: 'back at 11:30:01 overlaps lunch by one second: the whole team is charged',
      records: { presence: [away('2024-05-06 11:29:00', '2024-05-06 11:30:01')] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T11:29:00', reason: '张三 午餐时段离岗 2024-05-06 11:29:00–11:30:01（61 秒 > 60 秒', messageId: 'unattended' },
        { staff: '李四', points: 1, date: '2024-05-06T11:29:00', reason: '张三 午餐时段离岗' },
      ],
    },
    {
      name: '61 s inside lunch, status switched or not',
      records: { presence: [away('2024-05-06 12:00:00', '2024-05-06 12:01:01', { staff: '李四', status_switched: true })] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T12:00:00', reason: '李四 午餐时段离岗', reasonEn: '李四 away 2024-05-06 12:00:00–12:01:01 at lunch (61 s > 60 s' },
        { staff: '李四', points: 1, date: '2024-05-06T12:00:00', reason: '无人顶替' },
      ],
    },
    {
      name: 'the absent one is charged even when not a 客服',
      records: { presence: [away('2024-05-06 12:00:00', '2024-05-06 12:10:00', { staff: '王五' })] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T12:00:00', reason: '王五' },
        { staff: '李四', points: 1, date: '2024-05-06T12:00:00', reason: '王五' },
        { staff: '王五', points: 1, date: '2024-05-06T12:00:00', reason: '王五' },
      ],
    },
    {
      name: 'only the 客服 active that day are charged',
      records: {
        staff: [
          staffRecord({ name: '张三', role: '客服' }),
          staffRecord({ name: '钱七', role: '客服', active_to: t('2024-05-05') }),
          staffRecord({ name: '周九', role: '客服', active_from: t('2024-05-06') }),
        ],
        presence: [away('2024-05-06 12:00:00', '2024-05-06 12:10:00')],
      },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T12:00:00', reason: '张三' },
        { staff: '周九', points: 1, date: '2024-05-06T12:00:00', reason: '张三' },
      ],
    },
    {
      name: 'lunch applies on non-working days too (Sunday 12 May)',
      records: { presence: [away('2024-05-12 12:00:00', '2024-05-12 12:10:00')] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-12T12:00:00', reason: '张三' },
        { staff: '李四', points: 1, date: '2024-05-12T12:00:00', reason: '张三' },
      ],
    },
    {
      name: 'an exempt row makes every team charge exempt',
      records: { presence: [away('2024-05-06 12:00:00', '2024-05-06 12:10:00', { exempt: true, exempt_reason: '系统故障' })] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T12:00:00', reason: '张三', exempt: true },
        { staff: '李四', points: 1, date: '2024-05-06T12:00:00', reason: '张三', exempt: true },
      ],
    },
    {
      name: 'one charge per period: two periods, two charges each',
      records: {
        presence: [away('2024-05-06 11:40:00', '2024-05-06 11:50:00'), away('2024-05-06 12:40:00', '2024-05-06 12:50:00', { staff: '李四' })],
      },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T11:40:00', reason: '张三 午餐' },
        { staff: '李四', points: 1, date: '2024-05-06T11:40:00', reason: '张三 午餐' },
        { staff: '张三', points: 1, date: '2024-05-06T12:40:00', reason: '李四 午餐' },
        { staff: '李四', points: 1, date: '2024-05-06T12:40:00', reason: '李四 午餐' },
      ],
    },
    {
      name: 'a longer limit (max_away_seconds 120): 121 s breaks it',
      params: { max_away_seconds: 120 },
      records: { staff: [staffRecord({ name: '张三', role: '客服' })], presence: [away('2024-05-06 12:00:00', '2024-05-06 12:02:01')] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T12:00:00', reason: '121 秒 > 120 秒' }],
    },
  ],
});
