/** `ecops stock --date YYYY-MM-DD`: the console side of the API's stock (src/api/stock.ts). */
import { stockRun } from '../api/stock.js';
import type { Lang } from '../core/lang.js';
import type { StockResult } from '../inventory/stock.js';
import { table } from '../output/console.js';
import type { CommonOptions } from './context.js';
import { reportCommand } from './report.js';

export async function stockCommand(opts: CommonOptions & { date?: string }): Promise<number> {
  return reportCommand(opts, (o) => stockRun({ ...o, date: opts.date ?? '' }), summary);
}

function summary(r: StockResult, lang: Lang): string {
  const zh = lang === 'zh';
  return `${table(zh ? ['项目', '数量'] : ['item', 'count'], [
    [zh ? '商品' : 'SKUs', r.lines.length],
    [zh ? '低于警戒库存（建议进货）' : 'at or under safety stock (reorder)', r.reorder.length],
    [zh ? '缺货' : 'short', r.shortages.length],
    [zh ? '过季待下架' : 'out of season, to delist', r.delist.length],
  ])}\n`;
}
