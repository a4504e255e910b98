/** `ecops inspect FILE`: the console side of the API's inspect (src/api/inspect.ts). */
import { inspect, inspectCells } from '../api/inspect.js';
import type { Lang } from '../core/lang.js';
import { columnsOf, LOGS, type LogKey } from '../logs/declarations.js';
import type { TableInspection } from '../logs/inspect.js';
import { columnLetter, type CellValue } from '../read/cells.js';
import { printJson, table } from '../output/console.js';
import { langOf, type CommonOptions } from './context.js';

export async function inspectCommand(path: string, opts: CommonOptions & { cells?: boolean }): Promise<number> {
  const lang = langOf(opts);
  if (opts.cells) {
    // One line per cell, written in batches: a big sheet has millions of them.
    let out = '';
    for await (const c of inspectCells({ file: path, encoding: opts.encoding })) {
      out += opts.json ? `${JSON.stringify(c)}\n` : `${c.sheet}!${columnLetter(c.col)}${c.row}\t${show(c.value)}\n`;
      if (out.length > 64 * 1024) {
        await write(out);
        out = '';
      }
    }
    await write(out);
    return 0;
  }

  const result = await inspect({ file: path, encoding: opts.encoding, rules: opts.rules });
  if (opts.json) printJson(result);
  else process.stdout.write(`${result.tables.map((t) => describe(result.file, t, lang)).join('\n\n')}\n`);
  return 0;
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

function show(v: CellValue | null): string {
  if (v === null) return '';
  if (typeof v !== 'object') return String(v);
  return 'date' in v ? v.date.replace('T', ' ').replace(/ 00:00:00$/, '') : v.error;
}

const MAX_SHOWN = 30;

function clip(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s;
}

function logName(log: LogKey, lang: Lang): string {
  return `${LOGS[log].name[lang]} (${log})`;
}

/** One table as the console shows it: what it was read as, its columns, its first rows. */
function describe(file: string, t: TableInspection, lang: Lang): string {
  const zh = lang === 'zh';
  const lines = [`${file} › ${t.sheet}`];
  if (t.headerRow !== null) lines.push(zh ? `  表头：第 ${t.headerRow} 行` : `  header: row ${t.headerRow}`);
  if (t.log) {
    lines.push(zh ? `  记录类型：${logName(t.log, lang)}` : `  log: ${logName(t.log, lang)}`);
  } else if (t.ambiguous.length > 0) {
    const names = t.ambiguous.map((l) => logName(l, lang));
    lines.push(zh ? `  无法判断：表头同样符合 ${names.join('、')}` : `  not recognised: the header fits ${names.join(', ')} equally`);
  } else if (t.nearest) {
    const { log, missing } = t.nearest;
    lines.push(
      zh
        ? `  未识别：最接近${logName(log, lang)}，缺少必需列：${missing.join('、')}`
        : `  not recognised: nearest is ${logName(log, lang)}, missing required columns: ${missing.join(', ')}`,
    );
  } else {
    lines.push(zh ? '  未识别：前几行中没有任何记录表的表头' : "  not recognised: no log's header in the first rows");
  }
  const log = t.log ?? t.nearest?.log ?? t.ambiguous[0];
  if (t.columns.length > 0 && log) {
    const columns = columnsOf(log);
    const as = (key: string | null, duplicateOf?: string) =>
      duplicateOf !== undefined
        ? zh ? `（与「${duplicateOf}」重复，不读取）` : `(duplicates "${duplicateOf}"; not read)`
        : key === null
          ? zh ? '（忽略）' : '(ignored)'
          : zh ? `${columns[key].header} (${key})` : key;
    lines.push(
      table(
        zh ? ['列', '表头', '读作'] : ['column', 'header', 'read as'],
        t.columns.map((c) => [c.letter, c.header, as(c.key, c.duplicateOf)]),
      ),
    );
  }
  if (t.rows.length > 0) {
    const width = Math.max(...t.rows.map((r) => r.cells.length));
    const head = [zh ? '行' : 'row', ...Array.from({ length: width }, (_, i) => t.columns.find((c) => c.col === i + 1)?.header ?? columnLetter(i + 1))];
    lines.push(zh ? `  前 ${t.rows.length} 行：` : `  first ${t.rows.length} rows:`);
    lines.push(table(head.map(clip), t.rows.map((r) => [r.row, ...Array.from({ length: width }, (_, i) => clip(show(r.cells[i] ?? null)))])));
  }
  return lines.join('\n');
}
