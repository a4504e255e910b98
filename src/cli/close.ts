/** `ecops close --month YYYY-MM`: the console side of the API's close (src/api/close.ts). */
import { closeRun } from '../api/close.js';
import type { Lang } from '../core/lang.js';
import type { CloseResult } from '../inventory/close.js';
import { fenToNumber } from '../inventory/money.js';
import { table } from '../output/console.js';
import { kpiRows } from '../output/inventory.js';
import type { CommonOptions } from './context.js';
import { reportCommand } from './report.js';

export async function closeCommand(opts: CommonOptions & { month?: string }): Promise<number> {
  return reportCommand(opts, (o) => closeRun({ ...o, month: opts.month as string }), summary);
}

function summary(result: CloseResult, lang: Lang): string {
  const zh = lang === 'zh';
  const t = result.totals;
  return `${table(zh ? ['项目', '金额'] : ['item', 'amount'], [
    [zh ? '期初金额' : 'opening value', fenToNumber(t.openingValue).toFixed(2)],
    [zh ? '入库金额' : 'inbound value', fenToNumber(t.inboundValue).toFixed(2)],
    [zh ? '发货金额' : 'shipped value', fenToNumber(t.shippedValue).toFixed(2)],
    [zh ? '退货入库金额' : 'returned value', fenToNumber(t.returnedValue).toFixed(2)],
    [zh ? '盘盈金额' : 'gains value', fenToNumber(t.gainsValue).toFixed(2)],
    [zh ? '盘亏金额' : 'losses value', fenToNumber(t.lossesValue).toFixed(2)],
    [zh ? '期末金额' : 'closing value', fenToNumber(t.closingValue).toFixed(2)],
    [zh ? '尾差' : 'rounding', fenToNumber(t.rounding).toFixed(2)],
    [zh ? '报损合计（含退货破损）' : 'loss total (incl. damaged returns)', fenToNumber(t.lossAmount).toFixed(2)],
    ...kpiRows(result, lang).map(([name, value]) => [name, value]),
  ])}\n`;
}
