/** `inspect`: how one file is read, for when a table is not recognised or a value looks wrong. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError } from '../core/issues.js';
import { inspectFile, type FileInspection } from '../logs/inspect.js';
import { fileCells, type CellLine } from '../read/cells.js';
import { checkEncoding } from '../read/csv.js';
import { regulationOf } from './inputs.js';

export interface InspectInput {
  /** An .xlsx or .csv file. */
  file: string;
  /** CSV encoding (--encoding; default: detected). */
  encoding?: string;
  /** The regulation file, for its column aliases (--rules). */
  rules?: string;
}

/** What `ecops inspect --json` prints: each table's header row, log, column mapping and first rows. */
export type InspectOutput = FileInspection;

async function checkedFile(input: InspectInput) {
  if (input.encoding) checkEncoding(input.encoding);
  const { file: path } = input;
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError({ zh: `找不到文件 ${path}`, en: `file not found: ${path}` });
  if (!info.isFile()) throw new UsageError({ zh: `${path} 是一个文件夹，不是文件`, en: `${path} is a folder, not a file` });
  return { path, file: basename(path) };
}

/** How one file is read (`ecops inspect FILE`). */
export async function inspect(input: InspectInput): Promise<InspectOutput> {
  const f = await checkedFile(input);
  return inspectFile(f, { encoding: input.encoding, aliases: regulationOf(input).columns });
}

/** Every non-empty cell of one file, in reading order (`ecops inspect --cells`): a big sheet has millions. */
export async function* inspectCells(input: Omit<InspectInput, 'rules'>): AsyncGenerator<CellLine> {
  yield* fileCells(await checkedFile(input), { encoding: input.encoding });
}
