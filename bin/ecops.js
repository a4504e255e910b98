#!/usr/bin/env node
import module from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';

// Node 22+ keeps V8's compiled code of the modules on disk (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE):
// later runs skip most of compiling exceljs, zod and yaml. Node 20 has no such cache and skips this.
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();

// V8 lets the heap grow to 2–4× what is live before a full collection; ecops holds a few hundred MB at most
// (a month's shipments), and churns through millions of rows that die on the way: growing by half at a time
// keeps a big month's peak memory near what it needs (bench/README.md) for a few per cent of the time. Only once
// the process is big (worker threads included): a small month's ~16 MB heap would be collected whole every few
// MB read (5 full collections instead of 1 on the sample month, whose process stays under 140 MB).
const BIG_PROCESS = 192 * 1024 * 1024;
const gcs = new PerformanceObserver(() => {
  if (process.memoryUsage.rss() < BIG_PROCESS) return;
  setFlagsFromString('--heap-growing-percent=50');
  gcs.disconnect();
});
gcs.observe({ entryTypes: ['gc'] });

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
