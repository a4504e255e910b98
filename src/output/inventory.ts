/**
 * 进销存汇总表 (inventory-YYYY-MM.xlsx) as a Chinese accounting form: title block, 编制单位, 期间, 计价方法, 单位：元;
 * a two-row grouped header (期初 / 本期入库 / 本期退货入库 / 盘盈 / 本期发出 / 盘亏 / 期末 × 数量 单价 金额), a unit
 * column, 尾差, the 退货破损 memo; 合计 by live formulas; the check against the 报损单, the KPIs, the sign-off.
 */
import type ExcelJS from 'exceljs';
import type { Bilingual, Lang } from '../core/lang.js';
import type { CloseLine, CloseResult } from '../inventory/close.js';
import { COSTING_NAMES } from '../inventory/costing.js';
import { averageCost, costUnitsToNumber, fenToNumber, type Fen } from '../inventory/money.js';
import { pick } from './text.js';
import { columnLetter, openDocumentSheet, SIGN_OFF, styled, wrappedHeight, writeSignOff, type ReportWorkbook } from './workbook.js';

/** What an item is counted in: the product master has no unit column, and a shop sells by the piece. */
export const UNIT: Bilingual = { zh: '件', en: 'pc' };

type Group = 'opening' | 'inbound' | 'returned' | 'gains' | 'shipped' | 'losses' | 'closing';

/** The groups in the order accountants print them: what came in, then what went out, then what is left. */
const GROUPS: { key: Group; header: Bilingual; value: keyof CloseLine }[] = [
  { key: 'opening', header: { zh: '期初结存', en: 'Opening' }, value: 'openingValue' },
  { key: 'inbound', header: { zh: '本期入库', en: 'Inbound' }, value: 'inboundValue' },
  { key: 'returned', header: { zh: '本期退货入库', en: 'Returned' }, value: 'returnedValue' },
  { key: 'gains', header: { zh: '盘盈', en: 'Count gains' }, value: 'gainsValue' },
  { key: 'shipped', header: { zh: '本期发出', en: 'Shipped' }, value: 'shippedValue' },
  { key: 'losses', header: { zh: '盘亏', en: 'Count losses' }, value: 'lossesValue' },
  { key: 'closing', header: { zh: '期末结存', en: 'Closing' }, value: 'closingValue' },
];

const ID_COLUMNS: { header: Bilingual; width: number; value: (l: CloseLine, lang: Lang) => string | undefined }[] = [
  { header: { zh: '货号', en: 'SKU' }, width: 9, value: (l) => l.sku },
  { header: { zh: '品名', en: 'Name' }, width: 10, value: (l) => l.name },
  { header: { zh: '规格', en: 'Spec' }, width: 8, value: (l) => l.spec },
  { header: { zh: '单位', en: 'Unit' }, width: 3, value: (_l, lang) => pick(UNIT, lang) },
];

// 28 columns do not fit one A4 page at a readable size: the form prints two pages wide (see below).
const QTY = { header: { zh: '数量', en: 'Qty' }, width: 5 };
const PRICE = { header: { zh: '单价', en: 'Unit cost' }, width: 8.5 };
const AMOUNT = { header: { zh: '金额', en: 'Amount' }, width: 10.5 };

/**
 * A group's unit cost as printed: the line's cost wherever the method values that group at it (every group under
 * standard; returns, gains, losses and closing under the monthly average), else what the amount works out to
 * per piece (inbound at the rows' own prices, the balancing shipped value, each movement under the moving average).
 */
function unitCostOf(r: CloseResult, l: CloseLine, group: Group, qty: number, amount: Fen): number | undefined {
  if (qty === 0) return undefined;
  const atLineCost = r.costing === 'standard' || (r.costing === 'monthly-average' && ['returned', 'gains', 'losses', 'closing'].includes(group));
  return costUnitsToNumber(atLineCost ? l.unitCost : averageCost(amount, qty));
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

/** The line under the title: who made it, the costing method, the unit of money. */
export function formLine(company: string, r: CloseResult, lang: Lang, before: string[] = []): string {
  const method = pick(COSTING_NAMES[r.costing], lang);
  return lang === 'zh'
    ? [...before, `编制单位：${company}`, `计价方法：${method}`, '单位：元'].join('　　')
    : [...before, `Prepared by: ${company}`, `Costing: ${method}`, 'Amounts in yuan'].join('    ');
}

/** The columns that print on the first of two pages: those within the first half of the width. */
function firstPageColumns(widths: readonly number[]): number {
  const half = widths.reduce((a, b) => a + b, 0) / 2;
  let sum = 0;
  return widths.findIndex((w) => (sum += w) > half) || widths.length;
}

export async function addInventorySheet(wb: ReportWorkbook, r: CloseResult, lang: Lang, company: string): Promise<void> {
  const groupCols = GROUPS.flatMap(() => [QTY, PRICE, AMOUNT]);
  const tail = [{ header: { zh: '尾差', en: 'Rounding' }, width: 5.5 }, { ...QTY, width: 4.5 }, { ...AMOUNT, width: 7.5 }];
  const widths = [...ID_COLUMNS.map((c) => c.width), ...groupCols.map((c) => c.width), ...tail.map((c) => c.width)];
  const n = widths.length;
  const { ws } = openDocumentSheet(wb, { zh: '进销存汇总', en: 'Inventory movement' }, lang, {
    widths,
    title: { zh: '进销存汇总表', en: 'Inventory movement summary' },
    lines: [
      formLine(company, r, lang),
      lang === 'zh'
        ? '期末结存 = 期初结存 + 本期入库 + 本期退货入库 + 盘盈 − 本期发出 − 盘亏；金额逐项四舍五入，差额列入尾差。退货破损不动库存，仅备查，计入报损单。'
        : 'Closing = opening + inbound + returned + gains − shipped − losses; each amount is rounded on its own, the difference shown as rounding. Damaged returns move no stock: memo only, on the loss document.',
    ],
    headerRows: 2,
    titleSpan: firstPageColumns(widths),
  });
  // Two A4 pages wide, 货号 and 品名 repeated on the second, as wide ledgers are printed: on one page the text
  // would shrink to about half its size.
  ws.pageSetup.fitToWidth = 2;
  ws.pageSetup.printTitlesColumn = 'A:B';

  // Column numbers (1-based) of each group's quantity, unit cost and amount.
  const first = ID_COLUMNS.length + 1;
  const col = (g: Group, part: 0 | 1 | 2) => first + GROUPS.findIndex((x) => x.key === g) * 3 + part;
  const roundingCol = first + GROUPS.length * 3;
  const damagedQtyCol = roundingCol + 1;
  const damagedAmountCol = roundingCol + 2;

  // The two header rows: group names over their three columns; the id columns and 尾差 span both rows.
  const h1: string[] = new Array(n).fill('');
  const h2: string[] = new Array(n).fill('');
  ID_COLUMNS.forEach((c, i) => (h1[i] = pick(c.header, lang)));
  GROUPS.forEach((g, i) => {
    h1[first - 1 + i * 3] = pick(g.header, lang);
    [QTY, PRICE, AMOUNT].forEach((c, k) => (h2[first - 1 + i * 3 + k] = pick(c.header, lang)));
  });
  h1[roundingCol - 1] = pick(tail[0].header, lang);
  h1[damagedQtyCol - 1] = lang === 'zh' ? '退货破损（备查）' : 'Damaged returns (memo)';
  h2[damagedQtyCol - 1] = pick(QTY.header, lang);
  h2[damagedAmountCol - 1] = pick(AMOUNT.header, lang);
  const row1 = ws.addRow(h1);
  const row2 = ws.addRow(h2);
  for (const row of [row1, row2]) {
    row.height = row === row1 ? 30 : 18;
    for (let c = 1; c <= n; c++) row.getCell(c).style = styled.header;
  }
  const h = row1.number;
  ID_COLUMNS.forEach((_c, i) => ws.mergeCells(h, i + 1, h + 1, i + 1));
  GROUPS.forEach((_g, i) => ws.mergeCells(h, first + i * 3, h, first + i * 3 + 2));
  ws.mergeCells(h, roundingCol, h + 1, roundingCol);
  ws.mergeCells(h, damagedQtyCol, h, damagedAmountCol);
  row1.commit();
  row2.commit();

  // One style object per kind of cell (exceljs's writer keys styles by object).
  const text = styled.format(undefined);
  const int = styled.format('int');
  const cost = styled.format('cost');
  const money = styled.format('money');
  const bold = styled.bold.font;
  const totalStyle = { text: styled.format(undefined, bold), int: styled.format('int', bold), money: styled.format('money', bold) };

  const L = columnLetter;
  const dataStart = h + 2;
  r.lines.forEach((l, i) => {
    const rowNo = dataStart + i;
    const cellRef = (c: number) => `${L(c)}${rowNo}`;
    const cells: ExcelJS.CellValue[] = ID_COLUMNS.map((c) => c.value(l, lang) ?? null);
    const styles: Partial<ExcelJS.Style>[] = ID_COLUMNS.map(() => text);
    for (const g of GROUPS) {
      const qty = l[g.key];
      const amount = l[g.value] as Fen;
      const qtyCell: ExcelJS.CellValue =
        g.key === 'closing'
          ? {
              // Live: the closing quantity is the movements' sum.
              formula: `${cellRef(col('opening', 0))}+${cellRef(col('inbound', 0))}+${cellRef(col('returned', 0))}+${cellRef(col('gains', 0))}-${cellRef(col('shipped', 0))}-${cellRef(col('losses', 0))}`,
              result: qty,
            }
          : qty;
      cells.push(qtyCell, unitCostOf(r, l, g.key, qty, amount) ?? null, fenToNumber(amount));
      styles.push(int, cost, money);
    }
    const value = (g: Group) => cellRef(col(g, 2));
    cells.push(
      {
        // Live: what the closing amount differs from the movements by, to the fen.
        formula: `ROUND(${value('closing')}-(${value('opening')}+${value('inbound')}+${value('returned')}+${value('gains')}-${value('shipped')}-${value('losses')}),2)`,
        result: fenToNumber(l.rounding),
      },
      l.damaged,
      fenToNumber(l.damagedValue),
    );
    styles.push(money, int, money);
    const row = ws.addRow(cells);
    styles.forEach((s, c) => (row.getCell(c + 1).style = s));
    const height = wrappedHeight(cells.slice(0, ID_COLUMNS.length).map((v) => (typeof v === 'string' ? v : '')), widths);
    if (height) row.height = height;
    row.commit();
  });

  // 合计: SUBTOTAL(109) of every quantity and amount column (a filtered list totals itself); no unit cost.
  const last = dataStart + r.lines.length - 1;
  const t = r.totals;
  const totals = ws.addRow([]);
  const sum = (c: number, result: number, style: Partial<ExcelJS.Style>) => {
    const cell = totals.getCell(c);
    cell.value = r.lines.length ? { formula: `SUBTOTAL(109,${L(c)}${dataStart}:${L(c)}${last})`, result } : result;
    cell.style = style;
  };
  for (let c = 1; c <= n; c++) totals.getCell(c).style = totalStyle.text;
  totals.getCell(1).value = lang === 'zh' ? '合计' : 'Total';
  const qtyTotal = (k: Group) => r.lines.reduce((a, l) => a + l[k], 0);
  const valueTotal: Record<Group, Fen> = {
    opening: t.openingValue,
    inbound: t.inboundValue,
    returned: t.returnedValue,
    gains: t.gainsValue,
    shipped: t.shippedValue,
    losses: t.lossesValue,
    closing: t.closingValue,
  };
  for (const g of GROUPS) {
    sum(col(g.key, 0), qtyTotal(g.key), totalStyle.int);
    sum(col(g.key, 2), fenToNumber(valueTotal[g.key]), totalStyle.money);
  }
  sum(roundingCol, fenToNumber(t.rounding), totalStyle.money);
  sum(damagedQtyCol, r.lines.reduce((a, l) => a + l.damaged, 0), totalStyle.int);
  sum(damagedAmountCol, fenToNumber(t.damagedValue), totalStyle.money);
  ws.mergeCells(totals.number, 1, totals.number, ID_COLUMNS.length);
  totals.commit();

  const note = (cells: string[]) => {
    const row = ws.addRow(cells);
    row.eachCell((cell) => (cell.style = styled.plain));
    row.commit();
  };
  note([]);
  note([lossCheckText(r, lang)]);
  for (const [name, value, how] of kpiRows(r, lang)) note([name, '', value, '', how]);
  writeSignOff(ws, SIGN_OFF.finance, lang, n);
  ws.autoFilter = { from: { row: h + 1, column: 1 }, to: { row: Math.max(last, h + 1), column: n } };
  ws.commit();
}
