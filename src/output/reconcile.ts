/** The weekly reconciliation workbook (reconcile-YYYY-Www.xlsx): 盘点差异表, 未盘点, 进货建议, 下架通知. */
import type { Lang } from '../core/lang.js';
import { fenToNumber } from '../inventory/money.js';
import type { ReconcileResult } from '../inventory/reconcile.js';
import { addTableSheet, type ReportWorkbook } from './workbook.js';

export async function addReconcileSheets(wb: ReportWorkbook, r: ReconcileResult, lang: Lang): Promise<void> {
  const yes = lang === 'zh' ? '是' : 'yes';
  await addTableSheet(wb, { zh: '盘点差异', en: 'Variances' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { header: { zh: '盘点时间', en: 'countedAt' }, format: 'datetime', value: (l) => l.countedAt },
    { header: { zh: '账面数量', en: 'book' }, format: 'int', value: (l) => l.book },
    { header: { zh: '实盘数量', en: 'counted' }, format: 'int', value: (l) => l.counted },
    { header: { zh: '差异', en: 'variance' }, format: 'int', value: (l) => l.variance, alert: (l) => l.variance < 0 },
    { header: { zh: '差异金额', en: 'varianceValue' }, format: 'money', value: (l) => fenToNumber(l.varianceValue), total: true, alert: (l) => l.variance < 0 },
    { header: { zh: '差异率', en: 'varianceRate' }, format: 'percent', value: (l) => l.varianceRate },
    { header: { zh: '结果', en: 'result' }, value: (l) => l.result, alert: (l) => l.result === '盘亏' },
    { header: { zh: '系统库存', en: 'systemQty' }, format: 'int', value: (l) => l.systemQty },
    { header: { zh: '店铺差异', en: 'shopDifference' }, format: 'int', value: (l) => l.shopDifference },
    { header: { zh: '库位', en: 'location' }, value: (l) => l.locations.join('、') },
    { header: { zh: '盘点人', en: 'counter' }, value: (l) => l.counters.join('、') },
    { header: { zh: '备注', en: 'note' }, value: (l) => l.notes.join('；') },
    { header: { zh: '来源', en: 'source' }, value: (l) => l.sources.map((s) => `${s.file}/${s.sheet}#${s.row}`).join('; ') },
  ], r.lines);
  await addTableSheet(wb, { zh: '未盘点', en: 'Not counted' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { header: { zh: '状态', en: 'status' }, value: (l) => l.status },
    { header: { zh: '账面数量', en: 'book' }, format: 'int', value: (l) => l.book },
  ], r.notCounted);
  await addTableSheet(wb, { zh: '进货建议', en: 'Reorder' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { header: { zh: '实盘数量', en: 'counted' }, format: 'int', value: (l) => l.counted, alert: () => true },
    { header: { zh: '警戒库存', en: 'safetyStock' }, format: 'int', value: (l) => l.safetyStock },
    { header: { zh: '最高库存', en: 'maxStock' }, format: 'int', value: (l) => l.maxStock },
    { header: { zh: '建议进货', en: 'suggested' }, format: 'int', value: (l) => l.suggested, total: true },
  ], r.reorder);
  await addTableSheet(wb, { zh: '下架通知', en: 'Delist' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { header: { zh: '状态', en: 'status' }, value: (l) => l.status },
    { header: { zh: '实盘数量', en: 'counted' }, format: 'int', value: (l) => l.counted },
    { header: { zh: '系统库存', en: 'systemQty' }, format: 'int', value: (l) => l.systemQty },
    { header: { zh: '原因', en: 'reason' }, value: (l) => l.reason },
    { header: { zh: '紧急', en: 'urgent' }, value: (l) => (l.urgent ? yes : ''), alert: (l) => l.urgent },
  ], r.delist);
}
