/**
 * score streams the consultations through their rules as they are read (ConsultationPass) instead of holding
 * them: the assessment must be exactly the one computed over every consultation in memory, unknown staff,
 * a damaged file and the stock logs score skips included.
 */
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/calendar.js';
import { loadData, type LoadOptions } from '../../src/logs/load.js';
import { DISCARD_CONSULTATIONS } from '../../src/logs/sink.js';
import { loadRegulation } from '../../src/regulation/index.js';
import { ConsultationPass } from '../../src/score/consultations.js';
import { scoreMonth } from '../../src/score/score.js';
import { tempDir, writeCsv } from '../helpers/sheets.js';

const regulation = loadRegulation();
const assessment = { regulation, calendar: createCalendar(), month: '2024-05' };
const settings: LoadOptions = { aliases: regulation.columns };

async function both(dir: string) {
  const held = await loadData(dir, settings);
  const pass = new ConsultationPass(assessment);
  const streamed = await loadData(dir, { ...settings, consultations: pass });
  return {
    held,
    streamed,
    fromHeld: scoreMonth(held.records, assessment),
    fromStream: scoreMonth(streamed.records, { ...assessment, consultations: pass.summary() }),
  };
}

describe('score over streamed consultations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('ecops-stream-');
    await cp('fixtures/sample', dir, { recursive: true });
    // A name not in the staff list (its rows are excluded, error), and a slow chat of 张婷 beside it.
    await writeCsv(join(dir, '咨询记录-补录.csv'), [
      ['咨询时间', '客服', '渠道', '首次响应秒数', '响铃次数'],
      ['2024-05-06 10:00:00', '王小二', '旺旺', 60, ''],
      ['2024-05-06 10:05:00', '张婷', '旺旺', 46, ''],
      ['2024-05-06 10:06:00', '王小二', '电话', '', 3],
    ]);
    // A workbook that is not one: its rows are in no result, in either mode.
    await writeFile(join(dir, '咨询记录-损坏.xlsx'), 'PK\u0003\u0004 not really a zip');
  });

  it('holds no consultation record, and finds the same assessment as over all of them', async () => {
    const { held, streamed, fromHeld, fromStream } = await both(dir);
    expect(held.records.consultations.length).toBeGreaterThan(400);
    expect(streamed.records.consultations).toEqual([]);
    expect(fromStream).toEqual(fromHeld);
    expect(fromStream.violations.filter((v) => v.rule.startsWith('CS-REPLY-3')).length).toBeGreaterThan(0);
  });

  it('reports every unknown-staff row of the streamed consultations as crossCheck does, and excludes them', async () => {
    const { held, streamed, fromStream } = await both(dir);
    expect(streamed.issues).toEqual(held.issues);
    expect(streamed.tables).toEqual(held.tables);
    const unknown = streamed.issues.filter((i) => i.code === 'unknown-staff' && i.file === '咨询记录-补录.csv');
    expect(unknown.map((i) => [i.row, i.column, i.value, i.severity])).toEqual([
      [2, '客服', '王小二', 'error'],
      [4, '客服', '王小二', 'error'],
    ]);
    expect(streamed.tables.find((t) => t.file === '咨询记录-补录.csv')).toMatchObject({ rows: 3, excluded: 2 });
    expect(fromStream.kpis.map((k) => k.staff)).not.toContain('王小二');
    expect(fromStream.violations.some((v) => v.staff === '王小二')).toBe(false);
    const slow = fromStream.violations.find((v) => v.source.file === '咨询记录-补录.csv');
    expect(slow).toMatchObject({ rule: 'CS-REPLY-3', staff: '张婷', source: { row: 3 } });
    expect(streamed.issues.find((i) => i.file === '咨询记录-损坏.xlsx')).toMatchObject({ code: 'file-error', severity: 'error' });
  });

  it('lets validate discard the consultations and still report their problems', async () => {
    const held = await loadData(dir, settings);
    const discarded = await loadData(dir, { ...settings, consultations: DISCARD_CONSULTATIONS });
    expect(discarded.issues).toEqual(held.issues);
    expect(discarded.tables).toEqual(held.tables);
    expect(discarded.records.consultations).toEqual([]);
    expect(discarded.records.shipments).toEqual(held.records.shipments);
  });
});
