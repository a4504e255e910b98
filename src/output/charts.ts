/**
 * Native Excel charts (they stay live in Excel, WPS and LibreOffice). exceljs cannot write them, so a sheet asks
 * for a chart with `addChart` while it is built (before it is committed), and the chart parts are written with
 * the package, in exceljs's own pass: xl/charts/chartN.xml, a drawing with its relationships, the sheet's
 * <drawing> and its relationship, and the content types.
 */
import type ExcelJS from 'exceljs';
import { FONT_NAME, type ReportWorkbook } from './workbook.js';

export interface ChartSeries {
  name: string;
  /** Sheet range of the values, e.g. $C$5:$C$16 (on the chart's sheet). */
  values: string;
  /** The values as written (the chart's cache, shown before anything recalculates). */
  cache: number[];
  type: 'bar' | 'line';
  /** RGB hex, e.g. 4472C4. */
  color: string;
  /** Print each value on its bar. */
  labels?: boolean;
  /** A line drawn solid with a marker at each point (a trend), instead of dashed (a mark to reach). */
  solid?: boolean;
}

export interface Chart {
  title: string;
  /** Cells the chart covers (0-based column and row of the top-left and bottom-right corners). */
  from: { col: number; row: number };
  to: { col: number; row: number };
  /** Sheet range of the category names, e.g. $B$5:$B$16. */
  categories: string;
  categoryCache: string[];
  series: ChartSeries[];
  /** Fixed value axis bounds (a score axis from 0 to the base score). */
  min?: number;
  max?: number;
}

type SheetCharts = { sheetId: number; sheetName: string; charts: Chart[] }[];
const CHARTS = new WeakMap<ReportWorkbook, SheetCharts>();

/** Asks for `chart` on the sheet `ws` (a sheet of `wb` being written, not yet committed). */
export function addChart(wb: ReportWorkbook, ws: ExcelJS.Worksheet, chart: Chart): void {
  let list = CHARTS.get(wb);
  if (!list) {
    CHARTS.set(wb, (list = []));
    writeChartParts(wb as unknown as WriterInternals, list);
  }
  let entry = list.find((e) => e.sheetId === ws.id);
  if (!entry) {
    list.push((entry = { sheetId: ws.id, sheetName: ws.name, charts: [] }));
    linkDrawing(ws as unknown as SheetInternals, list.length, (wb as unknown as WriterInternals).zip);
  }
  entry.charts.push(chart);
}

export function hasCharts(wb: ReportWorkbook): boolean {
  return (CHARTS.get(wb)?.length ?? 0) > 0;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

/** A value that is not a finite number (a month not assessed) is left out: a gap in the line. */
function numCache(values: number[]): string {
  const pts = values.map((v, i) => (Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '')).join('');
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

const TEXT = (size: number, bold = false) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="${FONT_NAME}"/><a:ea typeface="${FONT_NAME}"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`;

function seriesXml(s: ChartSeries, i: number, chart: Chart, sheet: string): string {
  const fill = `<a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill>`;
  const spPr = s.type === 'line' ? `<c:spPr><a:ln w="28575">${fill}${s.solid ? '' : '<a:prstDash val="dash"/>'}</a:ln></c:spPr>` : `<c:spPr>${fill}</c:spPr>`;
  const labels = s.labels
    ? `<c:dLbls><c:numFmt formatCode="0.0" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${TEXT(1050)}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`
    : '';
  const cat = `<c:cat><c:strRef><c:f>${esc(`${quoted(sheet)}!${chart.categories}`)}</c:f>${strCache(chart.categoryCache)}</c:strRef></c:cat>`;
  const val = `<c:val><c:numRef><c:f>${esc(`${quoted(sheet)}!${s.values}`)}</c:f>${numCache(s.cache)}</c:numRef></c:val>`;
  const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>${spPr}`;
  return s.type === 'line'
    ? `<c:ser>${head}<c:marker><c:symbol val="${s.solid ? 'circle' : 'none'}"/></c:marker>${labels}${cat}${val}<c:smooth val="0"/></c:ser>`
    : `<c:ser>${head}<c:invertIfNegative val="0"/>${labels}${cat}${val}</c:ser>`;
}

/** The chart part (DrawingML chartSpace): bars, and lines drawn over them on the same axes. */
export function chartXml(chart: Chart, sheet: string): string {
  const bars = chart.series.map((s, i) => ({ s, i })).filter(({ s }) => s.type === 'bar');
  const lines = chart.series.map((s, i) => ({ s, i })).filter(({ s }) => s.type === 'line');
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const barXml = bars.length
    ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${bars.map(({ s, i }) => seriesXml(s, i, chart, sheet)).join('')}<c:gapWidth val="60"/>${axes}</c:barChart>`
    : '';
  const lineXml = lines.length
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines.map(({ s, i }) => seriesXml(s, i, chart, sheet)).join('')}<c:marker val="1"/>${axes}</c:lineChart>`
    : '';
  const scaling = `<c:scaling><c:orientation val="minMax"/>${chart.max !== undefined ? `<c:max val="${chart.max}"/>` : ''}${chart.min !== undefined ? `<c:min val="${chart.min}"/>` : ''}</c:scaling>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"><a:latin typeface="${FONT_NAME}"/><a:ea typeface="${FONT_NAME}"/></a:defRPr></a:pPr><a:r><a:rPr lang="zh-CN" sz="1400" b="1"><a:latin typeface="${FONT_NAME}"/><a:ea typeface="${FONT_NAME}"/></a:rPr><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    barXml +
    lineXml +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${TEXT(1100)}<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/>${scaling}<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${TEXT(1100)}<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>' +
    TEXT(1100) +
    '</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    TEXT(1100) +
    '</c:chartSpace>'
  );
}

function drawingXml(charts: Chart[], firstRel: number): string {
  const anchor = (c: Chart, n: number) =>
    '<xdr:twoCellAnchor editAs="oneCell">' +
    `<xdr:from><xdr:col>${c.from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${c.to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${n + 2}" name="${esc(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId${firstRel + n}"/>` +
    '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    charts.map(anchor).join('') +
    '</xdr:wsDr>'
  );
}

const RELS_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of exceljs's streaming writer the charts go through (exceljs 4.x, lib/stream/xlsx/). */
interface Zip {
  append(data: string, options: { name: string }): void;
}
interface WriterInternals {
  zip: Zip;
}
interface SheetInternals {
  id: number;
  committed: boolean;
  _write(text: string): void;
  _writeLegacyData(): void;
  _sheetRelsWriter: { count: number; stream: { write(text: string): void }; commit(): void };
}

const DRAWING_REL_ID = 'rIdChart1';

/**
 * The sheet's <drawing> and its relationship, written as exceljs commits the sheet: the element goes after the
 * print settings and before <legacyDrawing> (schema order); the relationship joins the sheet's others, or is the
 * sheet's only one.
 */
function linkDrawing(sheet: SheetInternals, drawing: number, zip: Zip): void {
  if (sheet.committed) throw new Error('addChart: the sheet is already written');
  const writeLegacyData = sheet._writeLegacyData;
  sheet._writeLegacyData = function (this: SheetInternals) {
    this._write(`<drawing r:id="${DRAWING_REL_ID}"/>`);
    writeLegacyData.call(this);
  };
  const rel = `<Relationship Id="${DRAWING_REL_ID}" Type="${REL}/drawing" Target="../drawings/drawing${drawing}.xml"/>`;
  const rels = sheet._sheetRelsWriter;
  const commitRels = rels.commit;
  rels.commit = function (this: SheetInternals['_sheetRelsWriter']) {
    if (this.count === 0) return zip.append(`${RELS_HEAD}${rel}</Relationships>`, { name: `xl/worksheets/_rels/sheet${sheet.id}.xml.rels` });
    this.stream.write(rel); // before the closing </Relationships> commit writes
    commitRels.call(this);
  };
}

/** The charts and drawings, and their content types, added when exceljs writes [Content_Types].xml (after every sheet). */
function writeChartParts(wb: WriterInternals, sheets: SheetCharts): void {
  const append = wb.zip.append.bind(wb.zip);
  wb.zip.append = (data, options) => {
    if (options.name !== '[Content_Types].xml') return append(data, options);
    let types = data;
    let chartNo = 0;
    sheets.forEach((entry, d) => {
      const drawing = d + 1;
      const rels = entry.charts.map((c, n) => {
        chartNo++;
        append(chartXml(c, entry.sheetName), { name: `xl/charts/chart${chartNo}.xml` });
        types = types.replace('</Types>', `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`);
        return `<Relationship Id="rId${n + 1}" Type="${REL}/chart" Target="../charts/chart${chartNo}.xml"/>`;
      });
      append(drawingXml(entry.charts, 1), { name: `xl/drawings/drawing${drawing}.xml` });
      append(`${RELS_HEAD}${rels.join('')}</Relationships>`, { name: `xl/drawings/_rels/drawing${drawing}.xml.rels` });
      types = types.replace('</Types>', `<Override PartName="/xl/drawings/drawing${drawing}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`);
    });
    append(types, options);
  };
}
