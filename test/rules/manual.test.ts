import { RULES } from '../../src/rules/index.js';
import { incident, ruleTester, t } from './tester.js';

const manual = Object.values(RULES).filter((r) => r.meta.manual);

// Every manual clause: one incident row is one violation at its date, count × points.
for (const rule of manual) {
  const code = rule.meta.code;
  const points = rule.meta.points;
  const ranged = typeof points !== 'number';
  const p = ranged ? points[1] : points;
  ruleTester(rule, {
    valid: [
      { name: 'an incident of another clause', records: { incidents: [incident({ date: t('2024-05-06'), rule: code === 'CW-1' ? 'AR-1' : 'CW-1', points: 3 })] } },
      { name: 'an incident dated in April', records: { incidents: [incident({ date: t('2024-04-30'), rule: code, points: p })] } },
    ],
    invalid: [
      {
        name: 'one incident',
        records: { incidents: [incident({ date: t('2024-05-06'), rule: code, staff: '孙八', note: '海报延误', points: ranged ? p : undefined })] },
        violations: [{ staff: '孙八', points: p, date: '2024-05-06T00:00:00', reason: '海报延误' }],
      },
      {
        name: 'count 3',
        records: { incidents: [incident({ date: t('2024-05-31'), rule: code, count: 3, points: ranged ? p : undefined })] },
        violations: [{ staff: '张三', points: Math.round(p * 300) / 100, date: '2024-05-31T00:00:00', reason: `（3 次 × ${p} 分）`, messageId: 'incidents' }],
      },
    ],
  });
}

const ed5 = RULES['ED-5'];
ruleTester(ed5, {
  valid: [
    {
      name: 'ranged: an incident of June',
      records: { incidents: [incident({ date: t('2024-06-01'), rule: 'ED-5', points: 3 })] },
    },
  ],
  invalid: [
    {
      name: 'ranged [2, 4]: the row’s points at both ends',
      records: { incidents: [incident({ date: t('2024-05-06'), rule: 'ED-5', points: 2 }), incident({ date: t('2024-05-07'), rule: 'ED-5', points: 4, staff: '赵六' })] },
      violations: [
        { staff: '张三', points: 2, date: '2024-05-06T00:00:00', reason: '说明（扣 2 分）', messageId: 'incident_points' },
        { staff: '赵六', points: 4, date: '2024-05-07T00:00:00', reason: '说明（扣 4 分）' },
      ],
    },
    {
      name: 'ranged: 2 × 2.5',
      records: { incidents: [incident({ date: t('2024-05-06'), rule: 'ED-5', points: 2.5, count: 2 })] },
      violations: [{ staff: '张三', points: 5, date: '2024-05-06T00:00:00', reason: '2 次 × 2.5 分' }],
    },
  ],
});

ruleTester(RULES['CS-REPLY-1'], {
  valid: [{ name: 'fixed: an incident of April', records: { incidents: [incident({ date: t('2024-04-30'), rule: 'CS-REPLY-1', points: 0.5 })] } }],
  invalid: [
    {
      name: 'fixed: the rule’s points apply whatever the row says (the loader warns of a differing value)',
      records: { incidents: [incident({ date: t('2024-05-06'), rule: 'CS-REPLY-1', points: 2 }), incident({ date: t('2024-05-07'), rule: 'CS-REPLY-1', points: 0.5 })] },
      violations: [
        { staff: '张三', points: 0.5, date: '2024-05-06T00:00:00', reason: '说明' },
        { staff: '张三', points: 0.5, date: '2024-05-07T00:00:00', reason: '说明' },
      ],
    },
    {
      name: 'fixed: 3 × 0.5 sums without float drift',
      records: { incidents: [incident({ date: t('2024-05-06'), rule: 'CS-REPLY-1', count: 3 })] },
      violations: [{ staff: '张三', points: 1.5, date: '2024-05-06T00:00:00', reason: '3 次 × 0.5 分' }],
    },
  ],
});
