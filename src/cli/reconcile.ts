/** `ecops reconcile --week YYYY-Www | --date YYYY-MM-DD`: the console side of the API's reconcile (src/api/reconcile.ts). */
import { reconcileRun } from '../api/reconcile.js';
import type { Lang } from '../core/lang.js';
import type { ReconcileResult } from '../inventory/reconcile.js';
import { fenToNumber } from '../inventory/money.js';
import { colors, table } from '../output/console.js';
import type { CommonOptions } from './context.js';
import { reportCommand } from './report.js';

export async function reconcileCommand(opts: CommonOptions & { week?: string; date?: string; tolerance?: string }): Promise<number> {
  return reportCommand(opts, (o) => reconcileRun({ ...o, week: opts.week, date: opts.date, tolerance: opts.tolerance }), summary);
}

function summary(r: ReconcileResult, lang: Lang): string {
  const c = colors();
  const zh = lang === 'zh';
  const count = (res: string) => r.lines.filter((l) => l.result === res).length;
  return `${table(zh ? ['项目', '数量'] : ['item', 'count'], [
    [zh ? '盘点行' : 'count lines', r.lines.length],
    [zh ? '一致' : 'matching', count('一致')],
    [zh ? '盘盈' : 'gains', count('盘盈')],
    [c.red(zh ? '盘亏' : 'losses'), count('盘亏')],
    [zh ? '盘盈金额' : 'gains value', fenToNumber(r.totals.gainsValue).toFixed(2)],
    [zh ? '盘亏金额' : 'loss value', fenToNumber(r.totals.lossesValue).toFixed(2)],
    [zh ? '净差异金额' : 'net value', fenToNumber(r.totals.netValue).toFixed(2)],
    [zh ? '未盘点' : 'not counted', r.notCounted.length],
    [zh ? '进货建议' : 'reorder', r.reorder.length],
    [zh ? '下架通知（紧急）' : 'delist (urgent)', `${r.delist.length} (${r.delist.filter((d) => d.urgent).length})`],
  ])}\n`;
}
