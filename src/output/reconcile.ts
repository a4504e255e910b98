/**
 * The weekly reconciliation workbook (reconcile-YYYY-Www.xlsx): 盘点差异表 (exceptions first, 盘亏 red and 盘盈 amber,
 * gains, losses and net apart, what the count sheet said: 库位, 盘点人, 备注; signed 盘点人/仓库主管/复核), 未盘点,
 * 进货建议 (with what each suggestion fills up to), 下架通知 (紧急 only where the rule says).
 */
import type { Lang } from '../core/lang.js';
import { fenToNumber } from '../inventory/money.js';
import type { ReconcileLine, ReconcileResult } from '../inventory/reconcile.js';
import type { SkuStatus } from '../inventory/ledger.js';
import { givenDate, pick } from './text.js';
import { addTableSheet, SIGN_OFF, type ReportWorkbook } from './workbook.js';

const STATUS: Record<SkuStatus, { zh: string; en: string }> = {
  在售: { zh: '在售', en: 'on sale' },
  过季: { zh: '过季', en: 'out of season' },
  下架: { zh: '下架', en: 'delisted' },
};

const RESULT = { 一致: { zh: '一致', en: 'match' }, 盘盈: { zh: '盘盈', en: 'gain' }, 盘亏: { zh: '盘亏', en: 'loss' } };

/** 盘亏 first, then 盘盈, then the lines that match; each group in the ledger's order. */
function exceptionsFirst(lines: readonly ReconcileLine[]): ReconcileLine[] {
  const rank = { 盘亏: 0, 盘盈: 1, 一致: 2 };
  return lines.map((l, i) => ({ l, i })).sort((a, b) => rank[a.l.result] - rank[b.l.result] || a.i - b.i).map((x) => x.l);
}

export async function addReconcileSheets(wb: ReportWorkbook, r: ReconcileResult, lang: Lang): Promise<void> {
  const zh = lang === 'zh';
  const sku = { header: { zh: '货号', en: 'SKU' }, value: (l: { sku: string }) => l.sku };
  const name = { header: { zh: '品名', en: 'Name' }, value: (l: { name: string }) => l.name, wrap: 12 };
  const spec = { header: { zh: '规格', en: 'Spec' }, value: (l: { spec: string | undefined }) => l.spec, wrap: 10 };
  const exceptions = r.lines.filter((l) => l.result !== '一致').length;
  const t = r.totals;

  await addTableSheet(wb, { zh: '盘点差异', en: 'Variances' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '盘点日期', en: 'Counted' }, value: (l) => givenDate(l.countedAt) },
    { header: { zh: '库位', en: 'Location' }, value: (l) => l.locations.join('、'), wrap: 8 },
    { key: 'book', header: { zh: '账面数量', en: 'Book' }, format: 'int', value: (l) => l.book },
    { key: 'counted', header: { zh: '实盘数量', en: 'Counted' }, format: 'int', value: (l) => l.counted },
    { key: 'variance', header: { zh: '差异', en: 'Variance' }, format: 'int', value: (l) => l.variance, total: true, alert: (l) => l.variance < 0, notice: (l) => l.variance > 0 },
    { key: 'value', header: { zh: '差异金额', en: 'Variance value' }, format: 'money', value: (l) => fenToNumber(l.varianceValue), total: true, alert: (l) => l.variance < 0, notice: (l) => l.variance > 0 },
    { header: { zh: '差异率', en: 'Rate' }, format: 'percent', value: (l) => l.varianceRate },
    { header: { zh: '结果', en: 'Result' }, value: (l) => pick(RESULT[l.result], lang), alert: (l) => l.result === '盘亏', notice: (l) => l.result === '盘盈' },
    { header: { zh: '店铺库存', en: 'Shop stock' }, format: 'int', value: (l) => l.systemQty },
    { header: { zh: '店铺差异', en: 'Shop diff.' }, format: 'int', value: (l) => l.shopDifference, alert: (l) => (l.shopDifference ?? 0) > 0 },
    { header: { zh: '盘点人', en: 'Counter' }, value: (l) => l.counters.join('、'), wrap: 6 },
    { header: { zh: '备注', en: 'Note' }, value: (l) => l.notes.join('；'), wrap: 14 },
    { header: { zh: '来源', en: 'Source' }, value: (l) => l.sources.map((s) => `${s.file}/${s.sheet}#${s.row}`).join('; '), wrap: 14 },
  ], exceptionsFirst(r.lines), {
    title: { zh: '盘点差异表', en: 'Stock count variances' },
    lines: [
      zh
        ? `差异 = 实盘数量 − 账面数量。共盘点 ${r.lines.length} 行，其中差异 ${exceptions} 行（排在前面：盘亏红色，盘盈黄色）${r.tolerance ? `；差异在 ±${r.tolerance} 以内视为一致` : ''}。`
        : `Variance = counted − book. ${r.lines.length} count lines, ${exceptions} with a variance (listed first: losses red, gains amber)${r.tolerance ? `; within ±${r.tolerance} counts as a match` : ''}.`,
      zh
        ? '店铺差异 = 店铺库存 − 实盘数量：正数表示店铺显示的比仓库实有的多（可能超卖，红色），负数表示店铺少挂了库存。'
        : 'Shop difference = shop stock − counted: positive means the shop shows more than the warehouse holds (it may oversell, red); negative, less.',
    ],
    totalsLabel: { zh: '净差异', en: 'Net' },
    summary: [
      {
        label: { zh: '其中：盘盈', en: 'of which gains' },
        cells: {
          variance: { formula: (range) => `SUMIF(${range},">0")`, result: t.gains },
          value: { formula: (range) => `SUMIF(${range},">0")`, result: fenToNumber(t.gainsValue) },
        },
      },
      {
        label: { zh: '其中：盘亏', en: 'of which losses' },
        cells: {
          variance: { formula: (range) => `SUMIF(${range},"<0")`, result: -t.losses },
          value: { formula: (range) => `SUMIF(${range},"<0")`, result: -fenToNumber(t.lossesValue) },
        },
      },
    ],
    signOff: SIGN_OFF.count,
  });

  await addTableSheet(wb, { zh: '未盘点', en: 'Not counted' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '状态', en: 'Status' }, value: (l) => pick(STATUS[l.status], lang) },
    { header: { zh: '期末账面数量', en: 'Book at the end' }, format: 'int', value: (l) => l.book },
  ], r.notCounted, {
    portrait: true,
    lines: [
      r.notCounted.length === 0
        ? zh
          ? '本期在售或有库存的商品都已盘点。'
          : 'Every SKU on sale or in stock was counted in the period.'
        : zh
          ? '以下商品在售或账面有库存，但本期没有盘点，请补盘。'
          : 'These SKUs are on sale or in stock but were not counted in the period: count them.',
    ],
  });

  await addTableSheet(wb, { zh: '进货建议', en: 'Reorder' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '实盘数量', en: 'Counted' }, format: 'int', value: (l) => l.counted, alert: () => true },
    { header: { zh: '警戒库存', en: 'Safety stock' }, format: 'int', value: (l) => l.safetyStock },
    {
      header: { zh: '补货目标', en: 'Fill to' },
      value: (l) =>
        l.maxStock !== undefined
          ? zh ? `最高库存 ${l.maxStock}` : `max stock ${l.maxStock}`
          : zh ? `2 × 警戒库存 = ${l.target}` : `2 × safety stock = ${l.target}`,
    },
    { header: { zh: '建议进货', en: 'Suggested' }, format: 'int', value: (l) => l.suggested, total: true },
  ], r.reorder, {
    portrait: true,
    lines: [
      zh
        ? '在售且实盘 ≤ 警戒库存的商品：建议进货 = 补货目标 − 实盘数量；补货目标为最高库存，未设最高库存时为警戒库存的 2 倍。'
        : 'SKUs on sale counted at or under safety stock: suggested = fill-to − counted; fill to the max stock, or twice the safety stock when none is set.',
      ...(r.reorder.length === 0 ? [zh ? '本期无需进货。' : 'Nothing to reorder.'] : []),
    ],
  });

  await addTableSheet(wb, { zh: '下架通知', en: 'Delist' }, lang, [
    sku,
    name,
    spec,
    { header: { zh: '状态', en: 'Status' }, value: (l) => pick(STATUS[l.status], lang) },
    { header: { zh: '实盘数量', en: 'Counted' }, format: 'int', value: (l) => l.counted },
    { header: { zh: '店铺库存', en: 'Shop stock' }, format: 'int', value: (l) => l.systemQty },
    { header: { zh: '原因', en: 'Reason' }, value: (l) => (zh ? l.reason : l.reason === '缺货' ? 'out of stock' : 'out of season') },
    { header: { zh: '紧急', en: 'Urgent' }, value: (l) => (l.urgent ? (zh ? '紧急' : 'urgent') : ''), alert: (l) => l.urgent },
  ], r.delist, {
    portrait: true,
    lines: [
      zh
        ? '缺货：实盘为 0（不论状态）；过季：过季商品仍有库存。紧急：缺货而店铺仍显示有库存，可能超卖，请立即下架。'
        : 'Out of stock: counted 0 (whatever the status); out of season: still in stock. Urgent: out of stock while the shop still shows stock — it may oversell: delist now.',
      ...(r.delist.length === 0 ? [zh ? '本期无需下架。' : 'Nothing to delist.'] : []),
    ],
  });
}
