/**
 * Where the time goes: runs one ecops command and the XML floor under `node --cpu-prof` on the bench data of one
 * scale, and prints each profile's top functions by self time and the self time per module.
 *
 *   tsx bench/profile.ts [--scale 0.1] [--top 25] [--cmd "score --month 2024-05"] [--data xlsx|csv]
 *
 * The .cpuprofile files are kept (the path is printed): open them in Chrome DevTools or speedscope for the call tree.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_ROOT, ensureData } from './generate.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/zod/…` → zod; `dist/logs/load.js` → dist/logs/load.js; node internals → (node). */
function moduleOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  if (url.startsWith('node:')) return '(node internals)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 13).split('/')[0];
  return relative(ROOT, path);
}

function summarise(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url ? `${moduleOf(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
    modules.set(moduleOf(url), (modules.get(moduleOf(url)) ?? 0) + dt);
    total += dt;
  });
  const rows = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [`  sampled ${(total / 1e6).toFixed(2)} s`, '  top functions by self time:', ...rows(self, top), '  self time per module:', ...rows(modules, 15)].join('\n');
}

async function profiled(label: string, dir: string, argv: string[], top: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const before = new Set(await readdir(dir));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...argv], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) process.stderr.write(`${label} exited ${r.status}: ${r.stderr.toString().trim().split('\n').pop()}\n`);
  // tsx's loader thread writes a profile of its own: the main thread's is the largest.
  const fresh = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  const sizes = await Promise.all(fresh.map(async (f) => (await stat(join(dir, f))).size));
  const file = fresh[sizes.indexOf(Math.max(...sizes))];
  if (!file) return;
  console.log(`\n${label}: ${seconds.toFixed(2)} s wall; ${join(dir, file)}`);
  console.log(summarise(JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile, top));
}

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    top: { type: 'string', default: '25' },
    cmd: { type: 'string', default: 'score --month 2024-05' },
    data: { type: 'string', default: 'xlsx' },
  },
});
const m = await ensureData(Number(values.scale));
const data = values.data === 'csv' ? m.csvDir : m.xlsxDir;
const dir = join(BENCH_ROOT, `profiles-s${m.scale}`);
const top = Number(values.top);
const out = join(dir, 'out');
await profiled(`ecops ${values.cmd} (${values.data}, ${m.totalRows} rows)`, dir,
  // As in run.ts: a report command writes its workbooks, validate prints JSON.
  [join(ROOT, 'bin', 'ecops.js'), ...values.cmd!.split(/\s+/), '--data', data, '--quiet', ...(values.cmd!.startsWith('validate') ? ['--json'] : ['--out', out])], top);
await profiled(`floor ${values.data === 'csv' ? 'csv' : 'xml'}`, dir,
  ['--import', 'tsx', join(ROOT, 'bench', 'floors.ts'), values.data === 'csv' ? 'csv' : 'xml', data], top);
