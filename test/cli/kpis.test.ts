/** 服务指标 in the score workbook on the sample month: each 客服's KPIs, the team's, and their definitions. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecops } from '../helpers/cli.js';
import { headerRowOf, tempDir } from '../helpers/sheets.js';

describe('the 服务指标 sheet', () => {
  let ws: ExcelJS.Worksheet;
  let json: any;
  beforeAll(async () => {
    const out = await tempDir();
    expect(ecops(['score', '--month', '2024-05', '--data', 'fixtures/sample', '--out', out]).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'score-2024-05.xlsx'));
    ws = wb.getWorksheet('服务指标')!;
    json = JSON.parse(ecops(['score', '--month', '2024-05', '--data', 'fixtures/sample', '--json']).stdout);
  }, 60_000);

  it('shows the regulation\'s KPIs per 客服 and for the team, from the same figures as the JSON', () => {
    const h = headerRowOf(ws);
    const headers = ws.getRow(h).values as string[];
    for (const h of ['客户满意度', '平均首响秒数（在线时段）', '平均首响秒数（全部）', '问题解决率', '电话接通率', '留言按时处理率', '回访按时率', '订单发货及时率']) {
      expect(headers).toContain(h);
    }
    const col = (h: string) => headers.indexOf(h);
    const rows = json.kpis.length;
    json.kpis.forEach((k: any, i: number) => {
      const row = ws.getRow(h + 1 + i);
      expect(row.getCell(1).value).toBe(k.staff);
      expect(row.getCell(col('客户满意度')).value).toBe(k.satisfaction);
      expect(row.getCell(col('问题解决率')).value).toBe(k.resolutionRate);
    });
    const team = ws.getRow(h + 1 + rows);
    expect(team.getCell(1).value).toBe('团队合计');
    const sum = (key: string) => json.kpis.reduce((n: number, k: any) => n + k[key], 0);
    expect(team.getCell(col('咨询量')).value).toBe(sum('consultations'));
    expect(json.teamKpi.consultations).toBe(sum('consultations'));
    // The team's rate is its counts divided, not the people's rates averaged.
    const rated = sum('goodReviews') + sum('neutralReviews') + sum('badReviews');
    expect(team.getCell(col('客户满意度')).value).toBe(Math.round((sum('goodReviews') / rated) * 10_000) / 10_000);
    expect(team.getCell(col('客户满意度')).numFmt).toBe('0.0%');
  });

  it('prints what each KPI counts below the figures', () => {
    const texts: string[] = [];
    ws.eachRow((row) => texts.push((row.values as unknown[]).filter((v) => typeof v === 'string').join(' ')));
    expect(texts).toContain('指标说明');
    expect(texts.find((t) => t.startsWith('客户满意度 '))).toMatch(/好评数 ÷ 有评价的咨询数/);
    expect(texts.find((t) => t.startsWith('问题解决率 '))).toMatch(/留言、需回访/);
  });
});
