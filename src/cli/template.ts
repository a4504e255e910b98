/** `ecops template [LOG…]`: blank input workbooks, one per log, with dropdowns, formats and a 说明 sheet. */
import { join } from 'node:path';
import { UsageError } from '../core/issues.js';
import type { Bilingual, Lang } from '../core/lang.js';
import type { ColumnDef, ColumnKind } from '../logs/columns.js';
import { columnsOf, LOG_KEYS, LOGS, type LogKey } from '../logs/declarations.js';
import { prepareOutDir } from '../output/files.js';
import { displayWidth, pick } from '../output/text.js';
import { addTableSheet, writeWorkbook } from '../output/workbook.js';
import { chatty, langOf, type CommonOptions } from './context.js';

/** Rows that get dropdowns and formats in a blank template. */
const TEMPLATE_ROWS = 2000;

const KIND_TEXT: Record<ColumnKind, Bilingual> = {
  text: { zh: '文本', en: 'text' },
  name: { zh: '姓名（人员名单中的）', en: 'staff name' },
  datetime: { zh: '日期时间，如 2024-05-03 14:22', en: 'date and time, e.g. 2024-05-03 14:22' },
  date: { zh: '日期，如 2024-05-03', en: 'date, e.g. 2024-05-03' },
  int: { zh: '整数', en: 'whole number' },
  number: { zh: '数字', en: 'number' },
  bool: { zh: '是/否', en: 'yes/no (是/否)' },
  enum: { zh: '可选值', en: 'one of' },
};

const FORMATS: Partial<Record<ColumnKind, string>> = { datetime: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd' };

function describe(col: ColumnDef, lang: Lang): string {
  const kind = pick(KIND_TEXT[col.kind], lang);
  const parts = [col.values && col.kind === 'enum' ? `${kind}：${col.values.join('/')}` : kind];
  if (col.min !== undefined) parts.push(`≥ ${col.min}`);
  return parts.join('，');
}

export async function templateCommand(logs: string[], opts: CommonOptions): Promise<number> {
  const lang = langOf(opts);
  const unknown = logs.filter((l) => !(LOG_KEYS as string[]).includes(l));
  if (unknown.length > 0) {
    throw new UsageError({
      zh: `未知的记录类型：${unknown.join(', ')}（可选：${LOG_KEYS.join(', ')}）`,
      en: `unknown log: ${unknown.join(', ')} (choose from ${LOG_KEYS.join(', ')})`,
    });
  }
  const out = await prepareOutDir(opts.out ?? './templates-out');
  const written: string[] = [];
  for (const key of (logs.length ? logs : LOG_KEYS) as LogKey[]) {
    const path = join(out, `${lang === 'zh' ? LOGS[key].name.zh : key}.xlsx`);
    await writeTemplate(key, path, lang);
    written.push(path);
  }
  if (chatty(opts)) {
    process.stderr.write(`${lang === 'zh' ? '模板已写入' : 'templates written'}:\n${written.map((p) => `  ${p}\n`).join('')}`);
  }
  return 0;
}

export async function writeTemplate(key: LogKey, path: string, lang: Lang): Promise<void> {
  const log = LOGS[key];
  const columns = Object.entries(columnsOf(key));
  await writeWorkbook(path, async (wb) => {
    const ws = wb.addWorksheet(pick(log.name, lang), { views: [{ state: 'frozen', ySplit: 1 }] });
    const headers = columns.map(([k, c]) => (lang === 'zh' ? c.header : k));
    const header = ws.addRow(headers);
    header.font = { bold: true };
    columns.forEach(([, col], i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.max(displayWidth(headers[i]) + 4, FORMATS[col.kind] ? 18 : 12);
      const fmt = FORMATS[col.kind];
      if (fmt) column.numFmt = fmt;
      const letter = column.letter;
      const list = col.kind === 'bool' ? ['是', '否'] : col.kind === 'enum' ? col.values : undefined;
      if (list) {
        // exceljs declares dataValidations on the sheet model but not in its types.
        (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(
          `${letter}2:${letter}${TEMPLATE_ROWS}`,
          {
            type: 'list',
            allowBlank: !col.required,
            formulae: [`"${list.join(',')}"`],
            showErrorMessage: true,
            errorTitle: lang === 'zh' ? '无效值' : 'invalid value',
            error: (lang === 'zh' ? '请从列表中选择：' : 'choose one of: ') + list.join('/'),
          },
        );
      }
    });
    header.commit();
    ws.commit();
    await addTableSheet(
      wb,
      { zh: '说明', en: 'Columns' },
      lang,
      [
        { header: { zh: '列名', en: 'header' }, value: ([k, c]) => (lang === 'zh' ? c.header : k) },
        { header: { zh: '英文名', en: 'key' }, value: ([k]) => k },
        { header: { zh: '类型', en: 'type' }, value: ([, c]) => describe(c, lang) },
        { header: { zh: '必填', en: 'required' }, value: ([, c]) => (c.required ? (lang === 'zh' ? '必填' : 'yes') : c.note ? pick(c.note, lang) : '') },
        { header: { zh: '也接受的列名', en: 'also accepted' }, value: ([, c]) => [c.header, ...c.aliases].filter((h) => h !== (lang === 'zh' ? c.header : '')).join('、') },
      ],
      columns,
    );
  });
}
