/**
 * 报损单 (loss-YYYY-MM.xlsx) as a voucher: 单号, 编制单位, 期间, 计价方法, 单位：元; 序号, 日期, 品名/规格/单位/数量/单价/金额,
 * 报损原因 (the count's note, or the return's reason and order); 合计 in figures and in capitals (大写); the check
 * against the 进销存; 经办/仓库主管/财务审核/审批.
 */
import type { Lang } from '../core/lang.js';
import type { CloseResult, LossLine } from '../inventory/close.js';
import { costUnitsToNumber, fenToCapitals, fenToNumber } from '../inventory/money.js';
import { formLine, lossCheckText, UNIT } from './inventory.js';
import { givenDate, pick } from './text.js';
import { addTableSheet, SIGN_OFF, type ReportWorkbook } from './workbook.js';

/** 报损原因: 盘亏 with what the counter noted, or 退货破损 with the return's reason and its order. */
function reasonOf(l: LossLine, lang: Lang): string {
  const zh = lang === 'zh';
  const notes = l.notes.join('；');
  if (l.reason === '盘亏') return notes ? (notes.startsWith('盘亏') ? notes : `${zh ? '盘亏' : 'count loss'}：${notes}`) : zh ? '盘亏' : 'count loss';
  const order = l.orderId ? (zh ? `（订单 ${l.orderId}）` : ` (order ${l.orderId})`) : '';
  return `${zh ? '退货破损' : 'damaged return'}${notes ? `：${notes}` : ''}${order}`;
}

export async function addLossSheet(wb: ReportWorkbook, r: CloseResult, lang: Lang, company: string): Promise<void> {
  const zh = lang === 'zh';
  const number = `BS-${r.month.label.replace('-', '')}`;
  const total = r.totals.lossAmount;
  const seq = new Map(r.losses.map((l, i) => [l, i + 1]));
  await addTableSheet(wb, { zh: '报损单', en: 'Losses' }, lang, [
    { header: { zh: '序号', en: 'No.' }, format: 'int', value: (l) => seq.get(l) },
    { header: { zh: '日期', en: 'Date' }, value: (l) => givenDate(l.date) },
    { header: { zh: '货号', en: 'SKU' }, value: (l) => l.sku },
    { header: { zh: '品名', en: 'Name' }, value: (l) => l.name, wrap: 16 },
    { header: { zh: '规格', en: 'Spec' }, value: (l) => l.spec, wrap: 12 },
    { header: { zh: '单位', en: 'Unit' }, value: () => pick(UNIT, lang) },
    { header: { zh: '数量', en: 'Qty' }, format: 'int', value: (l) => l.qty, total: true },
    { header: { zh: '单价', en: 'Unit cost' }, format: 'cost', value: (l) => costUnitsToNumber(l.unitCost) },
    { header: { zh: '金额', en: 'Amount' }, format: 'money', value: (l) => fenToNumber(l.amount), total: true },
    { header: { zh: '报损原因', en: 'Reason' }, value: (l) => reasonOf(l, lang), wrap: 30 },
    { header: { zh: '来源', en: 'Source' }, value: (l) => l.sources.map((s) => `${s.file}/${s.sheet}#${s.row}`).join('; '), wrap: 24 },
  ], r.losses, {
    title: { zh: '报损单', en: 'Loss report' },
    lines: [formLine(company, r, lang, [zh ? `单号：${number}` : `No. ${number}`])],
    footer: [
      [zh ? `合计金额（大写）：${fenToCapitals(total)}` : `Total in words (大写): ${fenToCapitals(total)}`],
      [lossCheckText(r, lang)],
    ],
    signOff: SIGN_OFF.loss,
  });
}
