/**
 * A big CSV is cut into byte ranges at record boundaries (splitCsv) and the ranges parsed apart (on worker
 * threads): the ranges' rows, one after the other, must be the rows of one pass, with the same numbers, whatever
 * the quoting (quoted line ends, doubled quotes, quotes inside unquoted fields), line ends and encoding.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { rng, type Rng } from '../../fixtures/random.js';
import { readCsv, splitCsv, type CsvRange } from '../../src/read/csv.js';
import type { RawRow } from '../../src/read/types.js';
import { tempDir } from '../helpers/sheets.js';

async function rowsOf(path: string, options: { encoding?: string; range?: CsvRange } = {}): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of readCsv(path, 'data.csv', options).rows) out.push(r);
  return out;
}

const WORDS = ['张婷', '已回复：支持7天无理由退换', 'tb12345678', '好评', 'a', '0', '旺旺', '2024-05-06 10:00:00', '𠮷野家'];

/** A field as a person or a program might write it: plain, quoted (holding delimiters, line ends, quotes), or odd. */
function field(r: Rng, delimiter: string): string {
  const word = r.pick(WORDS);
  switch (r.int(0, 9)) {
    case 0:
      return '';
    case 1:
      return `"${word}${delimiter}${r.pick(WORDS)}"`;
    case 2:
      return `"${word}\n第二行\r\n第三行"`;
    case 3:
      return `"他说""${word}""。"`;
    case 4:
      return `${word}"引号"在中间`; // a quote inside an unquoted field is text
    case 5:
      return `"${word}"尾巴`; // a closing quote followed by text: relax_quotes keeps both
    case 6:
      return '""';
    default:
      return word;
  }
}

function csvText(seed: string, records: number, delimiter: string): string {
  const r = rng(seed);
  const ends = ['\r\n', '\n', '\r'];
  const lineEnd = r.pick(ends);
  const lines: string[] = ['客服,咨询时间,备注'.replaceAll(',', delimiter)];
  for (let i = 0; i < records; i++) {
    if (r.chance(0.03)) lines.push(''); // a blank line
    else lines.push(Array.from({ length: r.int(1, 5) }, () => field(r, delimiter)).join(delimiter));
  }
  // Mostly one kind of line end, sometimes mixed (files pasted together), sometimes none at the very end.
  let text = '';
  for (const line of lines) text += line + (r.chance(0.1) ? r.pick(ends) : lineEnd);
  return r.chance(0.3) ? text.slice(0, -1).replace(/\r$/, '') : text;
}

async function sameRows(path: string, minBytes: number, encoding?: string): Promise<number> {
  const whole = await rowsOf(path, { encoding });
  const ranges = await splitCsv(path, 'data.csv', { encoding, parts: 8, minBytes });
  expect(ranges).toBeDefined();
  const pieces: RawRow[] = [];
  for (const range of ranges!) pieces.push(...(await rowsOf(path, { encoding, range })));
  expect(pieces).toEqual(whole);
  return ranges!.length;
}

describe('splitCsv: ranges read apart give the rows of one pass', () => {
  it('with quoted line ends, doubled quotes, stray quotes, blank lines and every kind of line end', async () => {
    const dir = await tempDir('ecops-split-');
    let cut = 0;
    for (let seed = 0; seed < 12; seed++) {
      const delimiter = [',', '\t', ';'][seed % 3];
      const text = csvText(`split-${seed}`, 400, delimiter);
      const path = join(dir, `${seed}.csv`);
      await writeFile(path, (seed % 2 ? '\uFEFF' : '') + text);
      cut += await sameRows(path, 500 + 97 * seed);
    }
    expect(cut).toBeGreaterThan(12 * 4); // the files were cut, many times each
  });

  it('in GBK and GB18030 (cut at an ASCII byte, decoded per range)', async () => {
    const dir = await tempDir('ecops-split-gbk-');
    for (const encoding of ['gbk', 'gb18030']) {
      const text = csvText(`split-${encoding}`, 600, ',');
      const path = join(dir, `${encoding}.csv`);
      await writeFile(path, iconv.encode(encoding === 'gbk' ? text.replaceAll('𠮷', '吉') : text, encoding));
      expect(await sameRows(path, 700)).toBeGreaterThan(3); // detected
      expect(await sameRows(path, 700, encoding)).toBeGreaterThan(3); // --encoding
    }
  });

  it('numbers the rows of every range as one pass does, a quoted field of many lines included', async () => {
    const dir = await tempDir('ecops-split-rows-');
    const path = join(dir, 'notes.csv');
    const long = `"${Array.from({ length: 50 }, (_, i) => `第${i}行`).join('\n')}"`;
    const lines = ['客服,备注', ...Array.from({ length: 300 }, (_, i) => (i % 40 === 7 ? `张婷,${long}` : `李娜,第${i}条`))];
    await writeFile(path, lines.join('\r\n') + '\r\n');
    const ranges = (await splitCsv(path, 'notes.csv', { parts: 6, minBytes: 600 }))!;
    expect(ranges.length).toBeGreaterThan(3);
    const whole = await rowsOf(path);
    expect(whole.length).toBe(301);
    for (const range of ranges) {
      const rows = await rowsOf(path, { range });
      expect(rows.length).toBe(range.records);
      expect(rows).toEqual(whole.slice(range.firstRow - 1, range.firstRow - 1 + range.records));
    }
  });

  it('follows quoting across the 1 MiB reads of the scan: a quote or a line end at the edge of a read', async () => {
    const dir = await tempDir('ecops-split-edge-');
    const edge = 1024 * 1024;
    const FILLER = `abcdefgh,${'i'.repeat(250)}\n`;
    for (let shift = -5; shift <= 2; shift++) {
      // Filler lines up to the edge, then quoted fields whose quotes and line ends fall on either side of it.
      let text = '客服,备注\n'.replace('客服', 'ab').replace('备注', 'cd');
      while (text.length < edge - 600) text += FILLER;
      text += 'x'.repeat(edge - text.length + shift - 4) + ',"a""\r\nb""",c\r\n"d\ne"\r\n';
      while (text.length < edge + 200_000) text += FILLER;
      const path = join(dir, `edge${shift}.csv`);
      await writeFile(path, text); // ASCII: a byte a character
      expect(await sameRows(path, 200_000)).toBeGreaterThan(2);
    }
  });

  it('leaves to one pass UTF-16, a quote left open, and a file too small to cut', async () => {
    const dir = await tempDir('ecops-split-no-');
    const text = csvText('split-no', 400, ',');
    const utf16 = join(dir, 'utf16.csv');
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]));
    expect(await splitCsv(utf16, 'utf16.csv', { parts: 4, minBytes: 500 })).toBeUndefined();
    const open = join(dir, 'open.csv');
    await writeFile(open, `${text}\n张婷,"没有闭合\n`);
    expect(await splitCsv(open, 'open.csv', { parts: 4, minBytes: 500 })).toBeUndefined();
    const small = join(dir, 'small.csv');
    await writeFile(small, text);
    expect(await splitCsv(small, 'small.csv', { parts: 4, minBytes: text.length })).toBeUndefined();
  });
});
