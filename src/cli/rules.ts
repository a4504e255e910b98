/** `ecops rules`: the regulation as it will be applied. */
import { pick } from '../output/text.js';
import { printJson, table, colors } from '../output/console.js';
import type { Regulation } from '../regulation/types.js';
import { RULES } from '../rules/index.js';
import { langOf, type CommonOptions } from './context.js';
import { COSTING_NAMES } from '../inventory/costing.js';
import { regulationOf } from '../api/inputs.js';

export const points = (p: number | readonly [number, number]) => (typeof p === 'number' ? String(p) : `${p[0]}–${p[1]}`);

/** The rules as `ecops rules --json` prints them (and docs/rules.md lists them): one row per clause. */
export function ruleRows(reg: Regulation) {
  return Object.values(reg.rules).map((r) => ({
    code: r.code,
    clause: r.clause,
    points: r.points,
    source: r.source,
    params: r.params,
    enabled: r.enabled,
    manual: RULES[r.code]?.meta.manual === true,
  }));
}

export async function rulesCommand(opts: CommonOptions): Promise<number> {
  const lang = langOf(opts);
  const reg = regulationOf(opts);
  const rules = ruleRows(reg);
  if (opts.json) {
    printJson({ file: reg.file, baseScore: reg.baseScore, passMark: reg.passMark, floor: reg.floor, rules });
    return 0;
  }
  const c = colors();
  const zh = lang === 'zh';
  process.stdout.write(
    `${zh ? '规则文件' : 'regulation'}: ${reg.file}\n` +
      `${zh ? `基础分 ${reg.baseScore}，及格 ${reg.passMark}，最低 ${reg.floor}` : `base ${reg.baseScore}, pass mark ${reg.passMark}, floor ${reg.floor}`}\n` +
      `${zh ? '库存计价' : 'inventory costing'}: ${pick(COSTING_NAMES[reg.inventory.costing], lang)} (${reg.inventory.costing})\n`,
  );
  process.stdout.write(
    `${table(
      zh ? ['条款', '扣分', '来源', '参数', '启用', '条文'] : ['code', 'points', 'source', 'parameters', 'enabled', 'clause'],
      rules.map((r) => [
        r.code,
        points(r.points),
        r.source.join(', '),
        Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join('\n'),
        r.enabled ? (zh ? '是' : 'yes') : c.dim(zh ? '否' : 'no'),
        wrap(RULES[r.code] && lang === 'en' ? pick(RULES[r.code].meta.clause, lang) : r.clause, zh ? 24 : 48),
      ]),
    )}\n`,
  );
  return 0;
}

/** Breaks long clause text so the table stays within a terminal. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join('\n');
}
