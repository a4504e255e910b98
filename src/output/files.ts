import { mkdir, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/issues.js';

/**
 * Writes through a temporary file in the same folder and renames it into place, so a crash leaves the
 * old file or none, never a torn one (docs/outputs.md#general).
 */
export async function writeAtomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await removeStaleTemps(path);
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw cannotWrite(path, err);
  }
}

/** Writes `data` as indented JSON (UTF-8, final newline), atomically. */
export async function saveJson(path: string, data: unknown): Promise<void> {
  await writeAtomically(path, (tmp) => writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`));
}

/**
 * A run killed while writing leaves its hidden `.NAME.PID.tmp` behind (never a torn NAME); the next write of
 * NAME removes those whose process is gone, so they do not pile up.
 */
async function removeStaleTemps(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = name.startsWith(prefix) ? /^(\d+)\.tmp$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid))) await rm(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
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

/**
 * docs/outputs.md#general: inputs are never modified. Refuses, before anything is written, every target that is an input
 * file: by real path, so a link in the output folder to an input, or an output folder that is (a link to) the
 * data folder, is caught too. `inputs` are the input files' paths; `option` names the flag to change.
 */
export async function refuseInputTargets(targets: readonly string[], inputs: readonly string[], option: '--out' | '--annotate'): Promise<void> {
  const real = (p: string) => realpath(p).catch(() => resolve(p));
  const inputPaths = new Set(await Promise.all(inputs.map(real)));
  for (const target of targets) {
    if (inputPaths.has(resolve(target)) || inputPaths.has(await real(target))) {
      throw new UsageError({
        zh: `${target} 会覆盖输入文件（输入文件从不改写），请换一个 ${option} 文件夹`,
        en: `${target} would overwrite an input file (inputs are never modified); choose another ${option} folder`,
      });
    }
  }
}
