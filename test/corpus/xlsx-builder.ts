/**
 * Hand-built workbooks for the bad-input corpus: exact XML (inline strings, formulas with or without cached
 * values, cached errors, date styles, merged cells, 1904 dates) zipped by test/helpers/zip.ts, and compound
 * files (legacy .xls, encrypted workbooks) built sector by sector.
 */
import { buildZip, type ZipOptions } from '../helpers/zip.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Style indexes of STYLES below. */
export const STYLE = { general: 0, datetime: 1, date: 2, cjkDate: 3 } as const;

/** xf 1: built-in 22 (m/d/yy h:mm); xf 2: built-in 14 (date); xf 3: built-in 31 (yyyy"年"m"月"d"日", no numFmt element). */
const STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '</styleSheet>';

/**
 * A cell: text (an inline string), a number, a boolean, null (no cell), or an object:
 * `{ serial, style }` a styled number (dates), `{ f, v?, t? }` a formula with an optional cached value
 * (`t: 'e'` for a cached error, `'str'` for cached text), `{ raw }` the cell's XML as given.
 */
export type XCell =
  | string
  | number
  | boolean
  | null
  | { serial: number; style?: number }
  | { f: string; v?: string | number; t?: 'e' | 'str' | 'b' }
  | { raw: string };

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 1 → A, 16384 → XFD. */
export function columnName(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

export function cellXml(ref: string, c: XCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(c)}</t></is></c>`;
  if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
  if (typeof c === 'boolean') return `<c r="${ref}" t="b"><v>${c ? 1 : 0}</v></c>`;
  if ('raw' in c) return c.raw;
  if ('serial' in c) return `<c r="${ref}" s="${c.style ?? STYLE.datetime}"><v>${c.serial}</v></c>`;
  const t = c.t ? ` t="${c.t}"` : '';
  const v = c.v === undefined ? '' : `<v>${xmlEscape(String(c.v))}</v>`;
  return `<c r="${ref}"${t}><f>${xmlEscape(c.f)}</f>${v}</c>`;
}

/** Rows from row 1 (or `{ r, cells }` to place a row), with optional merged ranges after sheetData. */
export function sheetXml(rows: (XCell[] | { r: number; cells: XCell[] })[], options: { merges?: string[] } = {}): string {
  let body = '';
  let next = 1;
  for (const row of rows) {
    const r = Array.isArray(row) ? next : row.r;
    const cells = Array.isArray(row) ? row : row.cells;
    body += `<row r="${r}">${cells.map((c, i) => cellXml(`${columnName(i + 1)}${r}`, c)).join('')}</row>`;
    next = r + 1;
  }
  const merges = options.merges?.length
    ? `<mergeCells count="${options.merges.length}">${options.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${body}</sheetData>${merges}</worksheet>`;
}

/** The parts of a workbook whose sheets' XML is given (string or bytes), in order. */
export function workbookParts(sheets: { name: string; xml: string | Buffer }[], options: { date1904?: boolean } = {}): Record<string, string | Buffer> {
  const overrides = sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  const parts: Record<string, string | Buffer> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      `${overrides}</Types>`,
    '_rels/.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
      `<workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets>` +
      sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
  };
  sheets.forEach((s, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = s.xml));
  return parts;
}

/** A whole .xlsx file. */
export function xlsx(sheets: { name: string; xml: string | Buffer }[], options: { date1904?: boolean } & ZipOptions = {}): Buffer {
  return buildZip(workbookParts(sheets, options), options);
}

/** One sheet of rows. */
export function xlsxOf(name: string, rows: Parameters<typeof sheetXml>[0], options: { date1904?: boolean; merges?: string[] } = {}): Buffer {
  return xlsx([{ name, xml: sheetXml(rows, options) }], options);
}

/** Excel serial (1900 system) of a wall-clock `YYYY-MM-DD HH:mm[:ss]`; with `date1904`, the 1904 serial. */
export function serial(text: string, date1904 = false): number {
  const ms = Date.parse(`${text.replace(' ', 'T')}${text.length <= 10 ? 'T00:00:00' : ''}Z`);
  const days = ms / 86_400_000 + 25569;
  return date1904 ? days - 1462 : days;
}

/**
 * A compound file (MS-CFB, 512-byte sectors): sector 0 the FAT, sector 1 the directory with a root entry and
 * one entry per stream name, then a little content. Enough for anything that sniffs the directory.
 */
export function compoundFile(streams: string[]): Buffer {
  const sector = 512;
  const file = Buffer.alloc(sector * 4);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 0x18); // minor version
  file.writeUInt16LE(3, 0x1a); // major version 3
  file.writeUInt16LE(0xfffe, 0x1c); // little-endian
  file.writeUInt16LE(9, 0x1e); // 512-byte sectors
  file.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  file.writeUInt32LE(1, 0x2c); // one FAT sector
  file.writeUInt32LE(1, 0x30); // directory starts at sector 1
  file.writeUInt32LE(0x1000, 0x38); // mini stream cutoff
  file.writeUInt32LE(0xfffffffe, 0x3c); // no mini FAT
  file.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
  file.fill(0xff, 0x4c, 0x200); // DIFAT: unused
  file.writeUInt32LE(0, 0x4c); // FAT in sector 0
  const fat = sector; // sector 0 at offset 512
  file.fill(0xff, fat, fat + sector);
  file.writeUInt32LE(0xfffffffd, fat); // sector 0: FAT
  file.writeUInt32LE(0xfffffffe, fat + 4); // sector 1: directory, end of chain
  file.writeUInt32LE(0xfffffffe, fat + 8); // sector 2: data
  const dir = sector * 2;
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const at = dir + i * 128;
    Buffer.from(name, 'utf16le').copy(file, at);
    file.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    file[at + 0x42] = i === 0 ? 5 : 2; // root storage / stream
    file.writeUInt32LE(0xffffffff, at + 0x44);
    file.writeUInt32LE(0xffffffff, at + 0x48);
    file.writeUInt32LE(i === 0 && streams.length > 0 ? 1 : 0xffffffff, at + 0x4c);
  });
  return file;
}
