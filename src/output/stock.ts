/** The daily stock workbook (stock-YYYY-MM-DD.xlsx): 库存, 警戒补货, 缺货, 过季下架. */
import type { Lang } from '../core/lang.js';
import type { StockResult } from '../inventory/stock.js';
import { addTableSheet, type ReportWorkbook } from './workbook.js';

export async function addStockSheets(wb: ReportWorkbook, r: StockResult, lang: Lang): Promise<void> {
  const sku = { header: { zh: '货号', en: 'sku' }, value: (l: { sku: string }) => l.sku };
  const name = { header: { zh: '品名', en: 'name' }, value: (l: { name: string }) => l.name };
  const spec = { header: { zh: '规格', en: 'spec' }, value: (l: { spec: string | undefined }) => l.spec };
  const status = { 在售: { zh: '在售', en: 'on sale' }, 过季: { zh: '过季', en: 'out of season' }, 下架: { zh: '下架', en: 'delisted' } };
  await addTableSheet(wb, { zh: '库存', en: 'Stock' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '账面库存', en: 'book' }, format: 'int', value: (l) => l.book, alert: (l) => l.book <= 0 || (l.status === '在售' && l.book <= l.safetyStock && l.safetyStock > 0), total: true },
    { header: { zh: '警戒库存', en: 'safety stock' }, format: 'int', value: (l) => l.safetyStock },
    { header: { zh: '最高库存', en: 'max stock' }, format: 'int', value: (l) => l.maxStock },
    { header: { zh: '待发订单数量', en: 'awaiting shipment' }, format: 'int', value: (l) => l.waiting || undefined, total: true },
    { header: { zh: '状态', en: 'status' }, value: (l) => status[l.status][lang] },
  ], r.lines);
  await addTableSheet(wb, { zh: '警戒补货', en: 'Reorder' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '账面库存', en: 'book' }, format: 'int', value: (l) => l.book, alert: () => true },
    { header: { zh: '警戒库存', en: 'safety stock' }, format: 'int', value: (l) => l.safetyStock },
    { header: { zh: '补至', en: 'fill to' }, value: (l) => (l.maxStock !== undefined ? `${l.maxStock}（${lang === 'zh' ? '最高库存' : 'max stock'}）` : `${2 * l.safetyStock}（2 × ${lang === 'zh' ? '警戒库存' : 'safety'}）`) },
    { header: { zh: '建议进货', en: 'suggested' }, format: 'int', value: (l) => l.suggested, total: true },
  ], r.reorder);
  await addTableSheet(wb, { zh: '缺货', en: 'Shortages' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '账面库存', en: 'book' }, format: 'int', value: (l) => l.book, alert: () => true },
    { header: { zh: '待发数量', en: 'awaiting' }, format: 'int', value: (l) => l.waiting, total: true },
    { header: { zh: '待发订单', en: 'orders waiting' }, value: (l) => l.openOrders.join('、') },
  ], r.shortages);
  await addTableSheet(wb, { zh: '过季下架', en: 'Delist' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '账面库存', en: 'book' }, format: 'int', value: (l) => l.book },
    { header: { zh: '原因', en: 'reason' }, value: () => status.过季[lang] },
  ], r.delist);
}
