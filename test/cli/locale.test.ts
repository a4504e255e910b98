import { describe, expect, it } from 'vitest';
import { ecopsProcess } from '../helpers/cli.js';

// A report must not depend on whose computer ran it: ties between people are ordered by Chinese collation, not
// by the machine's locale (a bare localeCompare follows LANG). A real process each, since the locale is per process.
describe('the machine locale', () => {
  it('does not change the order of anything in the assessment', () => {
    const orderUnder = (LANG: string) => {
      const r = ecopsProcess(['score', '--month', '2024-05', '--data', 'fixtures/sample', '--lang', 'zh', '--json', '--quiet'], { LANG });
      const json = JSON.parse(r.stdout) as { violations: { staff: string; rule: string }[]; staff: { name: string }[] };
      return { status: r.status, violations: json.violations.map((v) => `${v.staff} ${v.rule}`), staff: json.staff.map((s) => s.name) };
    };
    expect(orderUnder('C.UTF-8')).toEqual(orderUnder('zh_CN.UTF-8'));
  });
});
