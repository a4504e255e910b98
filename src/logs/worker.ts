/** A reading thread of parallel.ts: reads each file, or range of a big CSV, it is sent into a part and posts the part back. */
import { parentPort, workerData } from 'node:worker_threads';
import { UsageError } from '../core/issues.js';
import { buildPass } from '../score/passes.js';
import { partMessage, readTask, type ReadTask, type WorkerInit, type WorkerReply } from './parallel.js';
import { buildHeaderIndex } from './recognize.js';

const { settings, sink: spec } = workerData as WorkerInit;
const port = parentPort!;
const sink = spec ? await buildPass(spec) : undefined;
const index = buildHeaderIndex(settings.aliases);
const reply = (r: WorkerReply) => port.postMessage(r);

port.on('message', (task: ReadTask) => {
  readTask(task, settings, index, sink, (rows) => reply({ progress: rows })).then(
    (part) => {
      const { reply: message, transfer } = partMessage(part);
      port.postMessage(message, transfer);
    },
    (err: unknown) =>
      reply(
        err instanceof UsageError
          ? { failure: err.message, usage: err.text, exitCode: err.exitCode }
          : { failure: err instanceof Error ? (err.stack ?? err.message) : String(err) },
      ),
  );
});
