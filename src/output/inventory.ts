/** The month-end workbooks: 进销存汇总表 (inventory-YYYY-MM.xlsx) and 报损单 (loss-YYYY-MM.xlsx). */
import type { Lang } from '../core/lang.js';
import type { CloseResult } from '../inventory/close.js';
import { costUnitsToNumber, fenToNumber } from '../inventory/money.js';
import { addTableSheet, type ReportWorkbook, type SheetColumn } from './workbook.js';

type Line = CloseResult['lines'][number];

/** A quantity column and its amount column. */
function qtyAndAmount(key: keyof Line & string, header: { zh: string; en: string }, value: (l: Line) => number, fen: (l: Line) => number): SheetColumn<Line>[] {
  return [
    { key, header, format: 'int', value, total: true },
    { key: `${key}Value`, header: { zh: `${header.zh}金额`, en: `${header.en} value` }, format: 'money', value: (l) => fenToNumber(fen(l)), total: true },
  ];
}

export async function addInventorySheet(wb: ReportWorkbook, r: CloseResult, lang: Lang): Promise<void> {
  await addTableSheet(wb, { zh: '进销存汇总', en: 'Inventory movement' }, lang, [
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { key: 'unitCost', header: { zh: '成本单价', en: 'unitCost' }, format: 'number', value: (l) => costUnitsToNumber(l.unitCost) },
    ...qtyAndAmount('opening', { zh: '期初', en: 'opening' }, (l) => l.opening, (l) => l.openingValue),
    ...qtyAndAmount('inbound', { zh: '入库', en: 'inbound' }, (l) => l.inbound, (l) => l.inboundValue),
    ...qtyAndAmount('shipped', { zh: '发货', en: 'shipped' }, (l) => l.shipped, (l) => l.shippedValue),
    ...qtyAndAmount('returned', { zh: '退货入库', en: 'returned' }, (l) => l.returned, (l) => l.returnedValue),
    ...qtyAndAmount('gains', { zh: '盘盈', en: 'gains' }, (l) => l.gains, (l) => l.gainsValue),
    ...qtyAndAmount('losses', { zh: '盘亏', en: 'losses' }, (l) => l.losses, (l) => l.lossesValue),
    {
      key: 'closing',
      header: { zh: '期末', en: 'closing' },
      format: 'int',
      value: (l) => l.closing,
      formula: (ref) => `${ref('opening')}+${ref('inbound')}-${ref('shipped')}+${ref('returned')}+${ref('gains')}-${ref('losses')}`,
      total: true,
    },
    { key: 'closingValue', header: { zh: '期末金额', en: 'closing value' }, format: 'money', value: (l) => fenToNumber(l.closingValue), total: true },
    {
      header: { zh: '尾差', en: 'rounding' },
      format: 'money',
      value: (l) => fenToNumber(l.rounding),
      // Live: what the closing value differs from the movements by, to the fen.
      formula: (ref) => `ROUND(${ref('closingValue')}-(${ref('openingValue')}+${ref('inboundValue')}-${ref('shippedValue')}+${ref('returnedValue')}+${ref('gainsValue')}-${ref('lossesValue')}),2)`,
      total: true,
    },
    // Memo: damaged returns move no stock, but they are on the 报损单.
    ...qtyAndAmount('damaged', { zh: '退货破损', en: 'damaged returns' }, (l) => l.damaged, (l) => l.damagedValue),
  ], r.lines, { footer: [[], [lossCheckText(r, lang)], ...kpiRows(r, lang)] });
}

/** 库存周转率 and 库存信息准确性 as the regulation names them, with how each was worked out. */
export function kpiRows(r: CloseResult, lang: Lang): string[][] {
  const k = r.kpis;
  const t = r.totals;
  const f = (fen: number) => fenToNumber(fen).toFixed(2);
  const zh = lang === 'zh';
  const turnover = k.turnover === undefined ? '—' : k.turnover.toFixed(2);
  const accuracy = k.accuracy === undefined ? '—' : `${(k.accuracy * 100).toFixed(2)}%`;
  return [
    [
      zh ? '库存周转率' : 'Inventory turnover',
      turnover,
      zh
        ? `本期发出金额 ${f(t.shippedValue)} ÷ 平均库存金额 ((${f(t.openingValue)} + ${f(t.closingValue)}) ÷ 2)`
        : `shipped value ${f(t.shippedValue)} ÷ average stock value ((${f(t.openingValue)} + ${f(t.closingValue)}) ÷ 2)`,
    ],
    [
      zh ? '库存信息准确性' : 'Stock record accuracy',
      accuracy,
      zh ? `本月盘点 ${k.countLines} 行，其中无差异 ${k.exactLines} 行` : `${k.exactLines} of ${k.countLines} count lines this month without variance`,
    ],
  ];
}

/** The line both workbooks print: the loss document's total is the 盘亏 and 退货破损 of the movement summary. */
export function lossCheckText(r: CloseResult, lang: Lang): string {
  const t = r.totals;
  const f = (fen: number) => fenToNumber(fen).toFixed(2);
  const ok = t.lossAmount === t.lossesValue + t.damagedValue;
  return lang === 'zh'
    ? `核对：报损单合计 ${f(t.lossAmount)} ${ok ? '=' : '≠'} 进销存盘亏 ${f(t.lossesValue)} + 退货破损 ${f(t.damagedValue)}`
    : `Check: loss document total ${f(t.lossAmount)} ${ok ? '=' : '≠'} count losses ${f(t.lossesValue)} + damaged returns ${f(t.damagedValue)} of the movement summary`;
}

export async function addLossSheet(wb: ReportWorkbook, r: CloseResult, lang: Lang): Promise<void> {
  const zh = lang === 'zh';
  // The sign-off block finance expects under the table.
  const signOff = [
    [],
    [lossCheckText(r, lang)],
    [],
    zh ? ['制表：', '', '仓库主管：', '', '财务审核：'] : ['Prepared by:', '', 'Warehouse lead:', '', 'Finance review:'],
    zh ? ['日期：', '', '日期：', '', '日期：'] : ['Date:', '', 'Date:', '', 'Date:'],
  ];
  await addTableSheet(wb, { zh: '报损单', en: 'Losses' }, lang, [
    { header: { zh: '日期', en: 'date' }, format: 'datetime', value: (l) => l.date },
    { header: { zh: '货号', en: 'sku' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'name' }, value: (l) => l.name },
    { header: { zh: '规格', en: 'spec' }, value: (l) => l.spec },
    { key: 'qty', header: { zh: '数量', en: 'qty' }, format: 'int', value: (l) => l.qty, total: true },
    { key: 'unitCost', header: { zh: '成本单价', en: 'unitCost' }, format: 'number', value: (l) => costUnitsToNumber(l.unitCost) },
    { header: { zh: '金额', en: 'amount' }, format: 'money', value: (l) => fenToNumber(l.amount), formula: (ref) => `ROUND(${ref('qty')}*${ref('unitCost')},2)`, total: true },
    { header: { zh: '原因', en: 'reason' }, value: (l) => (lang === 'zh' ? l.reason : l.reason === '盘亏' ? 'count loss' : 'damaged return') },
    { header: { zh: '来源', en: 'source' }, value: (l) => l.sources.map((s) => `${s.file}/${s.sheet}#${s.row}`).join('; ') },
  ], r.losses, { footer: signOff });
}
