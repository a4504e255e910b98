/**
 * Reads a folder's files on worker threads and this one at once: a month's exports are many files, and each
 * reads on its own. The largest go first, so that one big file does not finish last; the parts are merged
 * in file order, so the dataset is the same as when read on one thread.
 */
import { Worker } from 'node:worker_threads';
import { UsageError } from '../core/issues.js';
import type { Bilingual } from '../core/lang.js';
import { readTables, type DataFile } from '../read/files.js';
import { readFilePart, rowsIn, type FilePart, type LoadOptions, type ReadSettings } from './load.js';
import { buildHeaderIndex } from './recognize.js';
import type { PassSpec } from '../score/passes.js';

export interface WorkerInit {
  settings: ReadSettings;
  sink?: PassSpec;
}

export type WorkerReply = { progress: number } | { part: FilePart } | { failure: string; usage?: Bilingual; exitCode?: number };

/** `sizes`: the files' sizes in bytes, largest read first. */
export async function readInWorkers(files: readonly DataFile[], sizes: readonly number[], options: LoadOptions, threads: number): Promise<FilePart[]> {
  const settings: ReadSettings = { encoding: options.encoding, aliases: options.aliases, logs: options.logs };
  const queue = files.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const parts: FilePart[] = new Array(files.length);
  const progress = (i: number, rows: number) => options.onProgress?.({ file: files[i].file, files: files.length, rows, done: false });
  const finished = (i: number) =>
    options.onProgress?.({ file: files[i].file, files: files.length, rows: rowsIn(parts[i]), done: true });

  const here = async () => {
    const index = buildHeaderIndex(options.aliases);
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const at = i;
      progress(at, 0);
      parts[at] = await readFilePart(files[at], readTables(files[at], { encoding: options.encoding }), {
        settings, index, sink: options.consultations, progress: (rows) => progress(at, rows),
      });
      finished(at);
    }
  };
  const init: WorkerInit = { settings, sink: options.consultations?.spec };
  const workers = Array.from({ length: threads - 1 }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: init }));
  const there = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let current: number | undefined;
      const next = () => {
        current = queue.shift();
        if (current === undefined) return resolve();
        progress(current, 0);
        worker.postMessage(files[current]);
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('progress' in reply) progress(current!, reply.progress);
        else if ('part' in reply) {
          parts[current!] = reply.part;
          finished(current!);
          next();
        } else reject(reply.usage ? new UsageError(reply.usage, reply.exitCode) : new Error(reply.failure));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => current !== undefined && reject(new Error(`a reading thread stopped (exit code ${code})`)));
      next();
    });
  try {
    await Promise.all([here(), ...workers.map(there)]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return parts;
}
