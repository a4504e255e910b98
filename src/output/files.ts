import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/issues.js';

/**
 * Writes through a temporary file in the same folder and renames it into place, so a crash leaves the
 * old file or none, never a torn one (SPEC §5).
 */
export async function writeAtomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw cannotWrite(path, err);
  }
}

/** Makes sure `dir` exists and is a folder. */
export async function prepareOutDir(dir: string): Promise<string> {
  const abs = resolve(dir);
  try {
    await mkdir(abs, { recursive: true });
    if (!(await stat(abs)).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw cannotWrite(abs, err);
  }
  return abs;
}

function cannotWrite(path: string, err: unknown): UsageError {
  if (err instanceof UsageError) return err;
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new UsageError({
    zh: `无法写入 ${path}（${reason}）：请检查输出文件夹是否存在、可写，文件是否被 Excel/WPS 打开`,
    en: `cannot write ${path} (${reason}): check that the output folder exists and is writable and the file is not open in Excel/WPS`,
  });
}
