/** The daily stock workbook (stock-YYYY-MM-DD.xlsx): 库存, 警戒补货, 缺货, 过季下架. */
import type { Lang } from '../core/lang.js';
import type { StockResult } from '../inventory/stock.js';
import { pick } from './text.js';
import { addTableSheet, type ReportWorkbook } from './workbook.js';

export async function addStockSheets(wb: ReportWorkbook, r: StockResult, lang: Lang): Promise<void> {
  const zh = lang === 'zh';
  const none = (n: number, text: { zh: string; en: string }) => (n === 0 ? [pick(text, lang)] : []);
  const sku = { header: { zh: '货号', en: 'sku' }, value: (l: { sku: string }) => l.sku };
  const name = { header: { zh: '品名', en: 'name' }, value: (l: { name: string }) => l.name, wrap: 16 };
  const spec = { header: { zh: '规格', en: 'spec' }, value: (l: { spec: string | undefined }) => l.spec, wrap: 12 };
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
  ], r.lines, {
    title: { zh: '每日库存检查', en: 'Daily stock check' },
    lines: [
      zh
        ? '账面库存：入库、发货、退货入库和盘点记到当天 23:59:59 为止（盘点即以实盘为准）。红色：缺货，或在售且不高于警戒库存。'
        : 'Book: inbound, shipments, restocked returns and counts up to 23:59:59 of the day (a count sets the book). Red: out of stock, or on sale at or under safety stock.',
    ],
  });
  await addTableSheet(wb, { zh: '警戒补货', en: 'Reorder' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '账面库存', en: 'book' }, format: 'int', value: (l) => l.book, alert: () => true },
    { header: { zh: '警戒库存', en: 'safety stock' }, format: 'int', value: (l) => l.safetyStock },
    {
      header: { zh: '补货目标', en: 'Fill to' },
      value: (l) =>
        l.maxStock !== undefined
          ? zh ? `最高库存 ${l.maxStock}` : `max stock ${l.maxStock}`
          : zh ? `2 × 警戒库存 = ${2 * l.safetyStock}` : `2 × safety stock = ${2 * l.safetyStock}`,
    },
    { header: { zh: '建议进货', en: 'suggested' }, format: 'int', value: (l) => l.suggested, total: true },
  ], r.reorder, {
    portrait: true,
    lines: [
      zh
        ? '在售且账面 ≤ 警戒库存：建议进货 = 补货目标 − 账面库存；补货目标为最高库存，未设时为警戒库存的 2 倍。'
        : 'On sale at or under safety stock: suggested = fill-to − book; fill to the max stock, or twice the safety stock when none is set.',
      ...none(r.reorder.length, { zh: '今天没有低于警戒库存的商品。', en: 'Nothing at or under safety stock today.' }),
    ],
  });
  await addTableSheet(wb, { zh: '缺货', en: 'Shortages' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '账面库存', en: 'book' }, format: 'int', value: (l) => l.book, alert: () => true },
    { header: { zh: '待发数量', en: 'awaiting' }, format: 'int', value: (l) => l.waiting, total: true },
    { header: { zh: '待发订单', en: 'orders waiting' }, value: (l) => l.openOrders.join('、'), wrap: 40 },
  ], r.shortages, {
    portrait: true,
    lines: [
      zh
        ? '账面 ≤ 0，或少于已付款未发货的订单数量：请补货或通知店铺下架，并跟进这些订单。'
        : 'Book ≤ 0, or less than the paid order lines not yet shipped: restock or have the shop delist, and follow up these orders.',
      ...none(r.shortages.length, { zh: '今天没有缺货。', en: 'No shortages today.' }),
    ],
  });
  await addTableSheet(wb, { zh: '过季下架', en: 'Delist' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '账面库存', en: 'book' }, format: 'int', value: (l) => l.book },
    { header: { zh: '原因', en: 'reason' }, value: () => status.过季[lang] },
  ], r.delist, {
    portrait: true,
    lines: [
      zh ? '过季商品仍有库存：请通知店铺下架。' : 'Out-of-season SKUs still in stock: have the shop delist them.',
      ...none(r.delist.length, { zh: '没有需要下架的过季商品。', en: 'Nothing to delist.' }),
    ],
  });
}
