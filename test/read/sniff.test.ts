import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError, UsageError } from '../../src/core/issues.js';
import { listDataFiles, readTables } from '../../src/read/files.js';
import { sniffFile } from '../../src/read/sniff.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecops-sniff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function sniffError(name: string, content: string | Buffer): Promise<FileError> {
  const err = await sniffFile(await write(name, content), name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileError);
  expect((err as FileError).file).toBe(name);
  expect((err as FileError).exitCode).toBe(2);
  return err as FileError;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_EMPTY = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
const ZIP_LOCAL = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100)]);

/** A compound file whose only directory sector lies beyond the first 64 KiB, reached through the FAT. */
function cfbWithFarDirectory(streamName: string): Buffer {
  const sector = 512;
  const dirSector = 200; // at (200 + 1) * 512 = 102912 bytes
  const fatSector = 0;
  const file = Buffer.alloc((dirSector + 2) * sector);
  OLE2.copy(file, 0);
  file.writeUInt16LE(9, 0x1e); // 512-byte sectors
  file.writeUInt32LE(1, 0x2c); // one FAT sector
  file.writeUInt32LE(dirSector, 0x30);
  file.writeUInt32LE(fatSector, 0x4c);
  const fat = (fatSector + 1) * sector;
  file.writeUInt32LE(0xfffffffd, fat + fatSector * 4); // FATSECT
  file.writeUInt32LE(0xfffffffe, fat + dirSector * 4); // end of chain
  const entries = (dirSector + 1) * sector;
  Buffer.from('Root Entry', 'utf16le').copy(file, entries);
  Buffer.from(streamName, 'utf16le').copy(file, entries + 128);
  return file;
}

describe('sniffFile', () => {
  it('accepts a zip as .xlsx, and text as .csv', async () => {
    expect((await sniffFile(await write('ok.xlsx', ZIP_LOCAL), 'ok.xlsx')).kind).toBe('xlsx');
    expect((await sniffFile(await write('empty-zip.xlsx', ZIP_EMPTY), 'empty-zip.xlsx')).kind).toBe('xlsx');
    expect((await sniffFile(await write('ok.csv', 'a,b\n'), 'ok.csv')).kind).toBe('csv');
    expect((await sniffFile(await write('empty.csv', ''), 'empty.csv')).kind).toBe('csv');
    expect((await sniffFile(await write('UPPER.CSV', 'a\n'), 'UPPER.CSV')).kind).toBe('csv');
  });

  it('hands a small workbook back whole (opened and read once), never a CSV or a workbook past 4 MB', async () => {
    expect((await sniffFile(await write('small.xlsx', ZIP_LOCAL), 'small.xlsx')).bytes).toEqual(ZIP_LOCAL);
    expect((await sniffFile(await write('text.csv', 'a,b\n'), 'text.csv')).bytes).toBeUndefined();
    const big = Buffer.concat([ZIP_LOCAL, Buffer.alloc(4 * 1024 * 1024)]);
    expect((await sniffFile(await write('big.xlsx', big), 'big.xlsx')).bytes).toBeUndefined();
  });

  it('reads a real workbook misnamed .xls', async () => {
    expect((await sniffFile(await write('renamed.xls', ZIP_LOCAL), 'renamed.xls')).kind).toBe('xlsx');
  });

  it('rejects a legacy .xls (OLE2) with "save as .xlsx"', async () => {
    const err = await sniffError('old.xls', Buffer.concat([OLE2, Buffer.alloc(4096)]));
    expect(err.text.en).toBe('old.xls: legacy .xls workbook: open it in Excel or WPS and save as .xlsx');
    expect(err.text.zh).toContain('另存为 .xlsx');
    // Whatever its name says.
    const named = await sniffError('old.xlsx', Buffer.concat([OLE2, Buffer.alloc(4096)]));
    expect(named.text.en).toContain('legacy .xls');
    const csv = await sniffError('old.csv', Buffer.concat([OLE2, Buffer.alloc(4096)]));
    expect(csv.text.en).toContain('legacy .xls');
  });

  it('rejects an encrypted workbook (EncryptionInfo stream in the compound file)', async () => {
    const content = Buffer.concat([OLE2, Buffer.alloc(1024), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(1024)]);
    const err = await sniffError('secret.xlsx', content);
    expect(err.text.en).toBe('secret.xlsx: encrypted workbook: remove the password and save as .xlsx');
    expect(err.text.zh).toBe('secret.xlsx：工作簿已加密：请取消密码后另存为 .xlsx');
  });

  it('finds the encryption streams in a directory beyond the first 64 KiB', async () => {
    const err = await sniffError('far.xlsx', cfbWithFarDirectory('EncryptedPackage'));
    expect(err.text.en).toContain('encrypted workbook');
    const plain = await sniffError('far.xls', cfbWithFarDirectory('Workbook'));
    expect(plain.text.en).toContain('legacy .xls');
  });

  it('rejects text named .xlsx, and a zero-byte .xlsx', async () => {
    const text = await sniffError('text.xlsx', 'a,b\n1,2\n');
    expect(text.text.en).toBe('text.xlsx: not an .xlsx workbook (8 bytes): open it in Excel or WPS and save it as .xlsx');
    expect(text.text.zh).toContain('另存为 .xlsx');
    const empty = await sniffError('empty.xlsx', '');
    expect(empty.text.en).toBe('empty.xlsx: the file is empty (0 bytes), perhaps not saved or copied completely: save it again as .xlsx from Excel or WPS');
    expect(empty.text.zh).toContain('文件是空的（0 字节）');
    expect((await sniffError('empty.xls', '')).text.en).toContain('the file is empty (0 bytes)');
  });

  it('rejects a web page named .xls', async () => {
    const err = await sniffError('export.xls', '<html><table><tr><td>订单</td></tr></table></html>');
    expect(err.text.en).toContain('save it as .xlsx');
  });

  it('rejects a zip named .csv', async () => {
    const err = await sniffError('book.csv', ZIP_LOCAL);
    expect(err.text.en).toContain('not a CSV file');
    expect(err.text.zh).toContain('不是 CSV 文件');
  });

  it('turns an unreadable path into a FileError', async () => {
    const err = await sniffFile(join(dir, 'missing.xlsx'), 'missing.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileError);
    expect((err as FileError).text.en).toContain('cannot read');
  });
});

describe('listDataFiles', () => {
  let data: string;
  beforeAll(async () => {
    data = join(dir, 'data');
    await mkdir(join(data, 'sub', 'deeper'), { recursive: true });
    await mkdir(join(data, '.git'));
    const files = [
      'b.csv',
      'a.XLSX',
      'c.xls',
      '~$a.xlsx',
      '.hidden.csv',
      'notes.txt',
      'sub/s.csv',
      'sub/deeper/d.xlsx',
      'sub/~$lock.xlsx',
      '.git/x.csv',
    ];
    for (const f of files) await writeFile(join(data, f), 'x');
    await mkdir(join(data, 'folder.csv')); // a folder with a data name is still a folder
    await symlink(join(data, 'b.csv'), join(data, 'link.csv'));
  });

  it('lists .xlsx/.csv/.xls at the top level, sorted, skipping ~$ and hidden names', async () => {
    const files = await listDataFiles(data);
    expect(files.map((f) => f.file)).toEqual(['a.XLSX', 'b.csv', 'c.xls', 'link.csv']);
    expect(files[0].path).toBe(join(data, 'a.XLSX'));
  });

  it('goes into sub-folders when recursive, with forward-slash names', async () => {
    const files = await listDataFiles(data, { recursive: true });
    expect(files.map((f) => f.file)).toEqual([
      'a.XLSX',
      'b.csv',
      'c.xls',
      'link.csv',
      'sub/deeper/d.xlsx',
      'sub/s.csv',
    ]);
    expect(files.at(-1)?.path).toBe(join(data, 'sub', 's.csv'));
  });

  it('rejects a missing folder or a file as bad usage (exit 2)', async () => {
    for (const bad of [join(dir, 'nope'), join(data, 'b.csv')]) {
      const err = await listDataFiles(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).exitCode).toBe(2);
      expect((err as UsageError).text.zh).toContain(bad);
      expect((err as UsageError).text.en).toContain(bad);
    }
  });
});

describe('readTables', () => {
  it('yields one table for a CSV, named after the file', async () => {
    const path = await write('订单.csv', '订单号,数量\nA1,2\n');
    const tables = [];
    for await (const t of readTables({ path, file: 'sub/订单.csv' })) {
      tables.push({ file: t.file, sheet: t.sheet, rows: await collect(t.rows) });
    }
    expect(tables).toEqual([
      {
        file: 'sub/订单.csv',
        sheet: '订单',
        rows: [
          { row: 1, cells: ['订单号', '数量'] },
          { row: 2, cells: ['A1', '2'] },
        ],
      },
    ]);
  });

  it('passes the encoding override on', async () => {
    const path = await write('latin.csv', 'é\n');
    const [table] = await collect(readTables({ path, file: 'latin.csv' }, { encoding: 'latin1' }));
    const [row] = await collect(table.rows);
    expect(row.cells).toEqual(['Ã©']);
  });

  it('fails with the sniffing error for a legacy .xls', async () => {
    const path = await write('legacy.xls', Buffer.concat([OLE2, Buffer.alloc(512)]));
    const err = await collect(readTables({ path, file: 'legacy.xls' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileError);
    expect((err as FileError).text.en).toContain('save as .xlsx');
  });
});
