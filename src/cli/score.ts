/** `ecops score --month YYYY-MM`: the console side of the API's score (src/api/score.ts). */
import type { Lang } from '../core/lang.js';
import { scoreRun } from '../api/score.js';
import { colors, table } from '../output/console.js';
import { provisionalLine } from '../output/score.js';
import type { ScoreResult } from '../score/score.js';
import type { CommonOptions } from './context.js';
import { reportCommand } from './report.js';

export async function scoreCommand(opts: CommonOptions & { month?: string; asOf?: string; calendar?: string; history?: string }): Promise<number> {
  return reportCommand(opts, (o) => scoreRun({ ...o, month: opts.month as string, asOf: opts.asOf, calendar: opts.calendar, history: opts.history }), summary);
}

function summary(r: ScoreResult, lang: Lang): string {
  const c = colors();
  const zh = lang === 'zh';
  // As on 汇总: violations that cost points, and the exempt ones apart.
  const exempt = new Map<string, number>();
  for (const v of r.violations) if (v.exempt) exempt.set(v.staff, (exempt.get(v.staff) ?? 0) + 1);
  const rows = r.staff.map((s) => [
    s.name,
    s.role,
    s.deducted,
    s.passed ? String(s.score) : c.red(String(s.score)),
    s.passed ? (zh ? '是' : 'yes') : c.red(zh ? '否' : 'no'),
    s.violations - (exempt.get(s.name) ?? 0),
    exempt.get(s.name) ?? 0,
  ]);
  const head = zh ? ['姓名', '岗位', '扣分', '得分', '及格', '违规次数', '豁免次数'] : ['name', 'role', 'deducted', 'score', 'passed', 'violations', 'exempt'];
  const failed = r.staff.filter((s) => !s.passed).length;
  const line = zh
    ? `${r.month} 考核：${r.staff.length} 人，${r.violations.length} 条扣分记录，${failed} 人不及格，${r.pending.length} 项待定`
    : `${r.month}: ${r.staff.length} people, ${r.violations.length} violations, ${failed} failed, ${r.pending.length} pending`;
  const coverage = r.coverage.provisional ? `${c.yellow(provisionalLine(r, lang))}\n` : '';
  return `${table(head, rows)}\n${failed ? c.red(line) : line}\n${coverage}`;
}
