/**
 * Runs the built CLI (npm test builds it first) with a clean locale; never a terminal.
 *
 * `ecops` and `ecopsAsync` call its main() in a worker thread of this test process (cli-worker.mjs), which loads
 * the CLI once instead of starting node for every run: the same arguments, environment, stdout, stderr and exit
 * status as a spawned run. `ecopsProcess` and `ecopsAsync(…, { spawn: true })` start a real process, for the few
 * tests about the process itself: bin/ecops.js, exit on bad input, a run killed or hung.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

const BIN = fileURLToPath(new URL('../../bin/ecops.js', import.meta.url));
const WORKER = new URL('./cli-worker.mjs', import.meta.url);

export interface EcopsResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** What a spawned run would see: no more than these, so that the tester's own environment does not leak in. */
function environment(env: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = { PATH: process.env.PATH, TZ: process.env.TZ, LANG: 'zh_CN.UTF-8', NO_COLOR: '1', ...env };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

const argvOf = (args: string[]) => [process.execPath, BIN, ...args];

/**
 * Workers with the CLI loaded, each doing one run at a time. One asynchronous run at a time per test process: vitest
 * runs a process per core already, and a second worker would only load the CLI and warm its JIT again (1–3 s of CPU
 * each); a synchronous run takes any idle worker.
 */
const idle: Worker[] = [];
const ASYNC_SLOTS = 1;
let asyncRuns = 0;
const queued: (() => void)[] = [];

function worker(): Worker {
  const w = idle.pop() ?? new Worker(WORKER);
  w.unref(); // an idle worker never keeps the test process alive
  return w;
}

function request(args: string[], env: Record<string, string> | undefined, signal?: Int32Array) {
  const { port1, port2 } = new MessageChannel();
  return { port: port1, message: [{ argv: argvOf(args), env: environment(env), port: port2, signal }, [port2]] as const };
}

/** Runs the CLI in-process and waits for it, as spawnSync would (a run past 120 s is killed: status null). */
export function ecops(args: string[], env: Record<string, string> = {}): EcopsResult {
  const w = worker();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port, message } = request(args, env, signal);
  w.postMessage(...message);
  const waited = Atomics.wait(signal, 0, 0, 120_000);
  const reply = receiveMessageOnPort(port)?.message as EcopsResult | undefined;
  port.close();
  if (waited === 'timed-out' || !reply) {
    void w.terminate();
    return { status: null, stdout: '', stderr: '' };
  }
  idle.push(w);
  return reply;
}

export interface EcopsRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds from start to exit. */
  ms: number;
  /** Killed because it ran past the time limit: a hang. */
  timedOut: boolean;
}

/**
 * The same without blocking the test process, so several runs can go at once; a run past `timeoutMs`
 * is killed (SIGKILL; in-process: its worker is terminated) and reported as timed out rather than hanging the suite.
 * `spawn` starts a real process (needed for `cwd`).
 */
export async function ecopsAsync(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number; cwd?: string; spawn?: boolean } = {},
): Promise<EcopsRun> {
  if (options.spawn || options.cwd !== undefined) return spawned(args, options);
  if (asyncRuns < ASYNC_SLOTS) asyncRuns++;
  else await new Promise<void>((resolve) => queued.push(resolve)); // the slot is handed over
  try {
    return await inWorker(args, options);
  } finally {
    const next = queued.shift();
    if (next) next();
    else asyncRuns--;
  }
}

function inWorker(args: string[], options: { env?: Record<string, string>; timeoutMs?: number }): Promise<EcopsRun> {
  let started = performance.now();
  const w = worker();
  w.ref();
  const { port, message } = request(args, options.env);
  return new Promise((resolve) => {
    const done = (reply: EcopsResult | undefined) => {
      clearTimeout(timer);
      port.close();
      if (reply) idle.push(w);
      else void w.terminate();
      w.unref();
      resolve({
        status: reply ? reply.status : null,
        signal: reply ? null : 'SIGKILL',
        stdout: reply?.stdout ?? '',
        stderr: reply?.stderr ?? '',
        ms: Math.round(performance.now() - started),
        timedOut: !reply,
      });
    };
    // The time limit counts from the run's start, not from loading the CLI into a new worker (at most 120 s).
    let timer = setTimeout(() => done(undefined), 120_000);
    port.on('message', (reply: EcopsResult | 'started') => {
      if (reply !== 'started') return done(reply);
      started = performance.now();
      clearTimeout(timer);
      timer = setTimeout(() => done(undefined), options.timeoutMs ?? 20_000);
    });
    w.postMessage(...message);
  });
}

/** Spawns bin/ecops.js and waits for it. */
export function ecopsProcess(args: string[], env: Record<string, string> = {}): EcopsResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: environment(env), timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function spawned(args: string[], options: { env?: Record<string, string>; timeoutMs?: number; cwd?: string }): Promise<EcopsRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: environment(options.env), cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20_000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Math.round(performance.now() - started),
        timedOut,
      });
    });
  });
}
