/** `ecops template [LOG…] [--data DIR]`: blank input workbooks, one per log (layout in src/output/template.ts). */
import { join } from 'node:path';
import { UsageError } from '../core/issues.js';
import { LOG_KEYS, LOGS, type LogKey } from '../logs/declarations.js';
import { prepareOutDir } from '../output/files.js';
import { writeTemplate, type TemplateLists } from '../output/template.js';
import { dataSettings, loadInputs, regulationOf } from '../api/inputs.js';
import { chatty, langOf, type CommonOptions } from './context.js';

export async function templateCommand(logs: string[], opts: CommonOptions): Promise<number> {
  const lang = langOf(opts);
  const unknown = logs.filter((l) => !(LOG_KEYS as string[]).includes(l));
  if (unknown.length > 0) {
    throw new UsageError({
      zh: `未知的记录类型：${unknown.join(', ')}（可选：${LOG_KEYS.join(', ')}）`,
      en: `unknown log: ${unknown.join(', ')} (choose from ${LOG_KEYS.join(', ')})`,
    });
  }
  const lists = await listsOf(opts);
  const out = await prepareOutDir(opts.out ?? './templates-out');
  const written: string[] = [];
  for (const key of (logs.length ? logs : LOG_KEYS) as LogKey[]) {
    const path = join(out, `${lang === 'zh' ? LOGS[key].name.zh : key}.xlsx`);
    await writeTemplate(key, path, lang, lists);
    written.push(path);
  }
  if (chatty(opts)) {
    process.stderr.write(`${lang === 'zh' ? '模板已写入' : 'templates written'}:\n${written.map((p) => `  ${p}\n`).join('')}`);
  }
  return 0;
}

/**
 * The dropdowns' lists: the clauses entered by hand (奖惩登记), and with --data the staff list, the SKU master
 * and each SKU's last counted location.
 */
async function listsOf(opts: CommonOptions): Promise<TemplateLists> {
  const regulation = regulationOf(opts);
  const rules = Object.values(regulation.rules)
    .filter((r) => r.enabled && r.source.includes('incidents'))
    .map((r) => r.code);
  if (!opts.data) return { rules };
  const data = await loadInputs({ data: opts.data, encoding: opts.encoding }, { ...dataSettings(regulation), logs: ['staff', 'skus', 'stock_counts'] });
  const location = new Map<string, string>();
  for (const c of [...data.records.stock_counts].sort((a, b) => a.counted_at - b.counted_at)) if (c.location) location.set(c.sku, c.location);
  return {
    rules,
    staff: data.records.staff.map((s) => s.name),
    skus: data.records.skus.map((s) => ({ sku: s.sku, location: location.get(s.sku) })),
  };
}
