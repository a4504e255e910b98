import rule from '../../src/rules/cs-online-2.js';
import { DEFAULT_STAFF, presence, ruleTester, staffRecord, t } from './tester.js';

const away = (from: string, to: string, p: Partial<Parameters<typeof presence>[0]> = {}) =>
  presence({ left_at: t(from), back_at: t(to), status_switched: false, ...p });

ruleTester(rule, {
  valid: [
    { name: 'exactly 60 s without switching', records: { presence: [away('2024-05-06 10:00:00', '2024-05-06 10:01:00')] } },
    { name: '61 s with the status switched', records: { presence: [away('2024-05-06 10:00:00', '2024-05-06 10:01:01', { status_switched: true })] } },
  ],
  invalid: [
    {
      name: '61 s without switching: the person 1, the direct supervisor 2',
      records: { presence: [away('2024-05-06 10:00:00', '2024-05-06 10:01:01')] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '离岗 2024-05-06 10:00:00–10:01:01（61 秒 > 60 秒）未切换', messageId: 'not_switched' },
        { staff: '王五', points: 2, date: '2024-05-06T10:00:00', reason: '下属 张三', messageId: 'supervisor' },
      ],
    },
    {
      name: 'no direct supervisor: the only 客服主管 active that day',
      records: {
        staff: [staffRecord({ name: '张三', role: '客服' }), staffRecord({ name: '吴主管', role: '客服主管' })],
        presence: [away('2024-05-06 10:00:00', '2024-05-06 10:05:00')],
      },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '未切换' },
        { staff: '吴主管', points: 2, date: '2024-05-06T10:00:00', reason: '下属 张三' },
      ],
    },
    {
      name: 'the direct supervisor is not a 客服主管: the only 客服主管',
      records: {
        staff: [staffRecord({ name: '张三', role: '客服', supervisor: '赵总' }), staffRecord({ name: '赵总', role: '负责人' }), staffRecord({ name: '吴主管', role: '客服主管' })],
        presence: [away('2024-05-06 10:00:00', '2024-05-06 10:05:00')],
      },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '未切换' },
        { staff: '吴主管', points: 2, date: '2024-05-06T10:00:00', reason: '下属 张三' },
      ],
    },
    {
      name: 'several 客服主管: the direct one',
      records: {
        staff: [staffRecord({ name: '张三', role: '客服', supervisor: '郑主管' }), staffRecord({ name: '吴主管', role: '客服主管' }), staffRecord({ name: '郑主管', role: '客服主管' })],
        presence: [away('2024-05-06 10:00:00', '2024-05-06 10:05:00')],
      },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '未切换' },
        { staff: '郑主管', points: 2, date: '2024-05-06T10:00:00', reason: '下属 张三' },
      ],
    },
    {
      name: 'the direct supervisor has left: the only other 客服主管 active that day',
      records: {
        staff: [
          staffRecord({ name: '张三', role: '客服', supervisor: '郑主管' }),
          staffRecord({ name: '郑主管', role: '客服主管', active_to: t('2024-05-05') }),
          staffRecord({ name: '吴主管', role: '客服主管' }),
        ],
        presence: [away('2024-05-06 10:00:00', '2024-05-06 10:05:00')],
      },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '未切换' },
        { staff: '吴主管', points: 2, date: '2024-05-06T10:00:00', reason: '下属 张三' },
      ],
    },
    {
      name: 'several 客服主管 and none is the direct one: a warning, no supervisor charge',
      records: {
        staff: [staffRecord({ name: '张三', role: '客服' }), staffRecord({ name: '吴主管', role: '客服主管' }), staffRecord({ name: '郑主管', role: '客服主管' })],
        presence: [away('2024-05-06 10:00:00', '2024-05-06 10:05:00')],
      },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '未切换' }],
      issues: [{ code: 'no-supervisor', severity: 'warning', message: '有多名在岗客服主管（吴主管、郑主管）' }],
    },
    {
      name: 'no 客服主管 at all: a warning, no supervisor charge',
      records: { staff: [staffRecord({ name: '张三', role: '客服' })], presence: [away('2024-05-06 10:00:00', '2024-05-06 10:05:00')] },
      violations: [{ staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '未切换' }],
      issues: [{ code: 'no-supervisor', severity: 'warning', message: '2024-05-06 没有在岗的客服主管' }],
    },
    {
      name: 'the 客服主管 away himself is not his own supervisor',
      records: { presence: [away('2024-05-06 10:00:00', '2024-05-06 10:05:00', { staff: '王五' })] },
      violations: [{ staff: '王五', points: 1, date: '2024-05-06T10:00:00', reason: '未切换' }],
      issues: [{ code: 'no-supervisor', severity: 'warning', message: '没有在岗的客服主管' }],
    },
    {
      name: 'exempt: both charges exempt, no warning',
      records: { staff: DEFAULT_STAFF, presence: [away('2024-05-06 10:00:00', '2024-05-06 10:05:00', { exempt: true, exempt_reason: '停电' })] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T10:00:00', reason: '未切换', exempt: true },
        { staff: '王五', points: 2, date: '2024-05-06T10:00:00', reason: '下属 张三', exempt: true },
      ],
    },
    {
      name: 'a lunch absence without a status switch breaks this rule too',
      records: { presence: [away('2024-05-06 12:00:00', '2024-05-06 12:10:00')] },
      violations: [
        { staff: '张三', points: 1, date: '2024-05-06T12:00:00', reason: '600 秒' },
        { staff: '王五', points: 2, date: '2024-05-06T12:00:00', reason: '下属 张三' },
      ],
    },
  ],
});
