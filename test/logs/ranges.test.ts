/**
 * A big CSV read in byte ranges on worker threads (parallel.ts) gives the dataset of one pass on one thread: the
 * same tables, issues (with their rows), records and streamed consultations, quoted notes of several lines and
 * rows repeated across ranges included. Worker threads run the build (dist/), as the CLI does: npm test builds first.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../fixtures/random.js';
import { tempDir } from '../helpers/sheets.js';

type Load = typeof import('../../src/logs/load.js');
type Consultations = typeof import('../../src/score/consultations.js');
type Regulations = typeof import('../../src/regulation/index.js');
type Calendars = typeof import('../../src/calendar/calendar.js');
const dist = (module: string) => new URL(`../../dist/${module}`, import.meta.url).href;
const { loadData } = (await import(dist('logs/load.js'))) as Load;
const { ConsultationPass } = (await import(dist('score/consultations.js'))) as Consultations;
const { loadRegulation } = (await import(dist('regulation/index.js'))) as Regulations;
const { createCalendar } = (await import(dist('calendar/calendar.js'))) as Calendars;

const regulation = loadRegulation();
const assessment = { regulation, calendar: createCalendar(), month: '2024-05' };
/** Ranges of 20 kB: the file below is cut into several, the first holding more than the 200 rows checked for decoding damage. */
const SPLIT = { threads: 2, rangeBytes: 20_000 } as const;

/** ~2,500 consultations of May, a few with quoted notes of several lines, a bad date, a stranger, a repeated row. */
function consultations(repeatAcrossRanges: boolean): string {
  const r = rng('ranges-test');
  const staff = ['张婷', '李娜', '陈静', '赵敏', '孙悦'];
  const lines = ['咨询时间,客服,渠道,首次响应秒数,响铃次数,批注'];
  for (let i = 0; i < 2500; i++) {
    const two = (n: number) => String(n).padStart(2, '0');
    const time = `2024-05-${two(6 + (i % 20))} ${two(9 + Math.floor(i / 1200))}:${two(Math.floor(i / 20) % 60)}:${two(i % 60)}`; // each row its own
    const call = r.chance(0.2);
    const note = r.chance(0.05) ? `"第一行, 带逗号\n第二行 ""引号""\r\n第三行"` : r.chance(0.5) ? '已回复' : '';
    const who = i === 1700 ? '王小二' : r.pick(staff);
    const at = i === 900 ? '2024-13-45 25:00:00' : time;
    lines.push([at, who, call ? '电话' : '旺旺', call ? '' : r.int(3, 60), call ? r.int(1, 12) : '', note].join(','));
    if (i === 40) lines.push(lines[lines.length - 1]); // repeated at once: within the first range
  }
  if (repeatAcrossRanges) lines.push(lines[100]);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function folder(repeatAcrossRanges: boolean): Promise<string> {
  const dir = await tempDir('ecops-ranges-');
  await copyFile('fixtures/sample/基础资料.xlsx', join(dir, '基础资料.xlsx'));
  await writeFile(join(dir, '咨询记录-2024-05.csv'), consultations(repeatAcrossRanges));
  return dir;
}

async function both(dir: string) {
  const settings = { aliases: regulation.columns };
  const onePass = new ConsultationPass(assessment);
  const one = await loadData(dir, { ...settings, threads: 1, consultations: onePass });
  const rangesPass = new ConsultationPass(assessment);
  const ranges = await loadData(dir, { ...settings, ...SPLIT, consultations: rangesPass });
  const held = await loadData(dir, { ...settings, threads: 1 });
  const heldInRanges = await loadData(dir, { ...settings, ...SPLIT });
  return { one, ranges, onePass, rangesPass, held, heldInRanges };
}

describe('a big CSV read in ranges on worker threads', () => {
  let plain: string;
  let repeated: string;
  beforeAll(async () => {
    plain = await folder(false);
    repeated = await folder(true);
  });

  it('gives the tables, issues, records and streamed consultations of one pass', async () => {
    const { one, ranges, onePass, rangesPass, held, heldInRanges } = await both(plain);
    expect(ranges.issues).toEqual(one.issues);
    expect(ranges.tables).toEqual(one.tables);
    expect(rangesPass.summary()).toEqual(onePass.summary());
    expect(heldInRanges.records).toEqual(held.records);
    expect(heldInRanges.issues).toEqual(held.issues);
    // The file's own problems, at their rows (a header row, then one record a row: quoted line ends do not count).
    const at = (code: string) => ranges.issues.filter((i) => i.file === '咨询记录-2024-05.csv' && i.code === code).map((i) => i.row);
    expect(at('duplicate-row')).toEqual([43]);
    expect(at('unknown-staff')).toEqual([1703]);
    expect(at('type-error')).toEqual([903]);
    expect(held.records.consultations.length).toBe(2498); // less the bad date, the stranger and the repeat
    expect(held.records.consultations.at(-1)?.source.row).toBe(2502);
  });

  it('gives the result of one pass when a row repeats one of another range', async () => {
    const { one, ranges, onePass, rangesPass } = await both(repeated);
    expect(ranges.issues).toEqual(one.issues);
    expect(ranges.tables).toEqual(one.tables);
    expect(rangesPass.summary()).toEqual(onePass.summary());
    expect(ranges.issues.filter((i) => i.code === 'duplicate-row').map((i) => i.row)).toEqual([43, 2503]);
  });
});

describe('a big shipments CSV read in ranges, its lines held column by column (LoadOptions.compact)', () => {
  it('gives the issues, tables and lines of one pass over records', async () => {
    const dir = await tempDir('ecops-ranges-');
    await copyFile('fixtures/sample/基础资料.xlsx', join(dir, '基础资料.xlsx'));
    const r = rng('ranges-shipments');
    const lines = ['订单号,流程完成时间,发货时间,货号,数量,负责人,快递公司,快递单号'];
    const skus = ['YF-T001', 'YF-T002', 'YF-T003', 'YF-T004', 'X9999']; // X9999: not in the master
    for (let i = 0; i < 3000; i++) {
      const order = `2024${String(1e13 + Math.floor(i / 2)).slice(1)}`; // two lines an order, past any pool of values
      const day = String(6 + (i % 20)).padStart(2, '0');
      lines.push([order, `2024-05-${day} 10:00:00`, r.chance(0.9) ? `2024-05-${day} 16:00:00` : '', r.pick(skus), r.int(1, 3), '张婷', '顺丰', `SF${i}`].join(','));
      if (i === 1500) lines.push(lines[lines.length - 1]); // a repeated row
    }
    lines.push(lines[20]); // repeats a row of the first range
    await writeFile(join(dir, '发货记录-2024-05.csv'), `${lines.join('\r\n')}\r\n`);
    const settings = { aliases: regulation.columns };
    const held = await loadData(dir, { ...settings, threads: 1 });
    const compact = await loadData(dir, { ...settings, ...SPLIT, compact: ['shipments'] });
    expect(compact.tables.find((t) => t.log === 'shipments')).toEqual(held.tables.find((t) => t.log === 'shipments'));
    expect(compact.issues).toEqual(held.issues);
    const table = compact.lines.shipments!;
    expect(Array.from({ length: table.length }, (_, i) => table.at(i))).toEqual(held.records.shipments);
    expect(compact.records.shipments).toHaveLength(0);
    const codes = new Set(held.issues.map((i) => i.code));
    expect([...codes]).toEqual(expect.arrayContaining(['duplicate-row', 'unknown-sku']));
    expect(held.records.shipments.length).toBeGreaterThan(2000); // of 3,001: less the unknown SKUs and an order's SKU twice
  });
});
