import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/issues.js';
import { readCsv, type CsvRange } from './csv.js';
import { sniffFile } from './sniff.js';
import type { RawTable } from './types.js';
import { openXlsx } from './xlsx.js';

export interface DataFile {
  /** Where to open it. */
  path: string;
  /** Relative to the data folder, with forward slashes: how messages name it. */
  file: string;
}

// `.xls` is listed only so that sniffing can tell the user to save it as .xlsx, rather than skip it silently.
const DATA_EXTENSION = /\.(xlsx|csv|xls)$/i;

/**
 * A folder option (--data, --out, --annotate) that names a file is a usage error, said in these words whichever
 * option it is. Returns whether the folder exists.
 */
export async function checkFolderOption(dir: string, option: string): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError({ zh: `${option} ${dir} 是一个文件，不是文件夹`, en: `${option} ${dir} is a file, not a folder` });
  return info !== undefined;
}

/**
 * The data files in `dir` (docs/inputs.md#files): every .xlsx/.csv/.xls, in sub-folders only when `recursive`,
 * skipping `~$` lock files and hidden names. Sorted by relative name, so that output is deterministic.
 */
export async function listDataFiles(
  dir: string,
  options: { recursive?: boolean; /** Real paths of sub-folders not to read (ecops's own output folders). */ skip?: readonly string[] } = {},
): Promise<DataFile[]> {
  if (!(await checkFolderOption(dir, '--data'))) throw new UsageError({ zh: `找不到数据文件夹 ${dir}`, en: `data folder not found: ${dir}` });
  const found: DataFile[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new UsageError({ zh: `无法读取文件夹 ${abs}：${reason}`, en: `cannot read the folder ${abs}: ${reason}` });
    }
    for (const e of entries) {
      if (e.name.startsWith('~$') || e.name.startsWith('.')) continue;
      const path = join(abs, e.name);
      const file = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (options.recursive && !(options.skip?.length && options.skip.includes(await realpath(path).catch(() => path)))) await walk(path, file);
      } else if (DATA_EXTENSION.test(e.name)) {
        // A link to a file counts as that file; links to folders are not followed (no loops).
        const isFile = e.isFile() || (e.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile());
        if (isFile) found.push({ path, file });
      }
    }
  };
  await walk(dir, '');
  // Code-unit order, not locale order: the same on every machine.
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Each table of a data file: every worksheet of a workbook, or the CSV itself. The workbook stays open
 * while the generator runs and is closed when it ends, fails or is abandoned, so consume each table's
 * rows before asking for the next table.
 */
export async function* readTables(
  f: DataFile,
  options: { encoding?: string; maxEntryBytes?: number; /** Of a CSV: only these bytes (splitCsv). */ range?: CsvRange } = {},
): AsyncGenerator<RawTable> {
  const { kind, bytes } = await sniffFile(f.path, f.file);
  if (kind === 'csv') {
    yield readCsv(f.path, f.file, { encoding: options.encoding, range: options.range });
    return;
  }
  const book = await openXlsx(f.path, f.file, { maxEntryBytes: options.maxEntryBytes, bytes });
  try {
    for (const sheet of book.sheets) yield { file: f.file, sheet, rows: book.rows(sheet) };
  } finally {
    await book.close();
  }
}
