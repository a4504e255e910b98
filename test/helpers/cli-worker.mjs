// The built CLI's main() in a worker thread, for test/helpers/cli.ts: the CLI's modules load once, and each run
// gets what a spawned run gets: its own environment, its own stdout and stderr (not a terminal: no colours, no
// progress bars), and main()'s return value as its exit status. Plain JavaScript: a worker runs it untranspiled.
import { parentPort } from 'node:worker_threads';

let main;
let loadError;
try {
  ({ main } = await import(new URL('../../dist/cli/main.js', import.meta.url).href));
} catch (err) {
  loadError = err;
}

/** The current run: its stdout and stderr chunks and how to answer it; other writes pass through. */
let run = null;
for (const [i, stream] of [process.stdout, process.stderr].entries()) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, encoding, callback) => {
    if (!run) return write(chunk, encoding, callback);
    run.chunks[i].push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  };
}

function finish(of, status) {
  if (!of || run !== of) return; // a run already answered (it crashed)
  const { chunks, port, signal } = of;
  run = null;
  port.postMessage({ status, stdout: Buffer.concat(chunks[0]).toString('utf8'), stderr: Buffer.concat(chunks[1]).toString('utf8') });
  if (signal) {
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  }
}

// What node prints for an uncaught error of a spawned run, and its exit status.
const crash = (err) => {
  run?.chunks[1].push(Buffer.from(`${err instanceof Error ? err.stack : String(err)}\n`));
  finish(run, 1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// One run at a time: { argv, env, port, signal? } in; { status, stdout, stderr } out on `port`, with `signal` set
// and notified when given, for a caller that waits synchronously; else 'started' first.
parentPort.on('message', async ({ argv, env, port, signal }) => {
  const mine = (run = { chunks: [[], []], port, signal });
  if (loadError) return crash(loadError);
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
  if (!signal) port.postMessage('started'); // the CLI is loaded: a caller's time limit starts now
  try {
    finish(mine, await main(argv));
  } catch (err) {
    crash(err);
  }
});
