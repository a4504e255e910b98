import { open, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { FileError } from '../core/issues.js';

const HEAD_BYTES = 64 * 1024;
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const EMPTY_ZIP = Buffer.from('PK\x05\x06', 'latin1');
/** Streams that Office puts in the compound file wrapping a password-protected .xlsx. */
const ENCRYPTION_STREAMS = ['EncryptionInfo', 'EncryptedPackage'].map((s) => Buffer.from(s, 'utf16le'));

/**
 * A workbook this small is read whole, in one read: the zip directory and each part are then found in memory
 * instead of by a read of the disk each (a month of small daily files spent more time waiting than parsing).
 */
export const WHOLE_BYTES = 4 * 1024 * 1024;

export interface Sniffed {
  kind: 'xlsx' | 'csv';
  /** A workbook of at most WHOLE_BYTES, read whole here so that it is opened and read once (openXlsx's `bytes`). */
  bytes?: Buffer;
}

/**
 * What a data file really is, from its first bytes (users rename files, and shop back-ends export text
 * as `.xls`). A file that cannot be read as its extension promises is a FileError saying what to do.
 */
export async function sniffFile(path: string, file: string): Promise<Sniffed> {
  const ext = posix.extname(file).toLowerCase();
  let fh: FileHandle | undefined;
  try {
    fh = await open(path);
    const { size } = await fh.stat();
    const whole = ext !== '.csv' && size <= WHOLE_BYTES ? await readAll(fh, size) : undefined;
    const head = whole ? whole.subarray(0, HEAD_BYTES) : await readAt(fh, 0, HEAD_BYTES);
    if (startsWith(head, OLE2)) {
      throw (await isEncrypted(fh, head)) ? encrypted(file) : legacyXls(file);
    }
    const zip = startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP);
    if (size === 0 && ext !== '.csv') {
      throw new FileError(file, {
        zh: `${file}：文件是空的（0 字节），可能没有保存完或复制失败：请用 Excel 或 WPS 重新另存为 .xlsx`,
        en: `${file}: the file is empty (0 bytes), perhaps not saved or copied completely: save it again as .xlsx from Excel or WPS`,
      });
    }
    if (ext === '.csv') {
      if (zip) {
        throw new FileError(file, {
          zh: `${file}：不是 CSV 文件：它其实是 Excel 工作簿（zip 格式），请把扩展名改为 .xlsx`,
          en: `${file}: not a CSV file: it is an Excel workbook (a zip); rename it to .xlsx`,
        });
      }
      return { kind: 'csv' };
    }
    if (zip) return { kind: 'xlsx', bytes: whole }; // also a real workbook misnamed .xls: Excel opens it too
    if (ext === '.xls') {
      throw new FileError(file, {
        zh: `${file}：不是真正的 .xls 工作簿（${size} 字节，内容是文本或网页，常见于网店后台导出）：请用 Excel 或 WPS 打开后另存为 .xlsx`,
        en: `${file}: not a real .xls workbook (${size} bytes of text or a web page, as shop back-ends export): open it in Excel or WPS and save it as .xlsx`,
      });
    }
    if (ext === '.xlsx') {
      throw new FileError(file, {
        zh: `${file}：不是 .xlsx 工作簿（${size} 字节）：请用 Excel 或 WPS 打开后另存为 .xlsx`,
        en: `${file}: not an .xlsx workbook (${size} bytes): open it in Excel or WPS and save it as .xlsx`,
      });
    }
    return { kind: 'csv' };
  } catch (err) {
    if (err instanceof FileError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new FileError(file, { zh: `${file}：无法读取文件：${reason}`, en: `${file}: cannot read the file: ${reason}` });
  } finally {
    await fh?.close();
  }
}

function encrypted(file: string): FileError {
  return new FileError(file, {
    zh: `${file}：工作簿已加密：请取消密码后另存为 .xlsx`,
    en: `${file}: encrypted workbook: remove the password and save as .xlsx`,
  });
}

function legacyXls(file: string): FileError {
  return new FileError(file, {
    zh: `${file}：旧版 .xls 工作簿：请用 Excel 或 WPS 打开后另存为 .xlsx`,
    en: `${file}: legacy .xls workbook: open it in Excel or WPS and save as .xlsx`,
  });
}

/** Most directories sit in the first 64 KiB; a big encrypted package can push it further, so walk its sector chain. */
async function isEncrypted(fh: FileHandle, head: Buffer): Promise<boolean> {
  const named = (b: Buffer) => ENCRYPTION_STREAMS.some((name) => b.includes(name));
  if (named(head)) return true;
  try {
    for await (const sector of directorySectors(fh, head)) if (named(sector)) return true;
  } catch {
    // A damaged compound file: it is still not something we can read, and "legacy .xls" says what to do.
  }
  return false;
}

const MAX_DIRECTORY_SECTORS = 256;
const END_OF_CHAIN = 0xfffffffa; // and above: special sector ids

/** The directory sectors of a compound file (MS-CFB §2.2), following the FAT chain from the header. */
async function* directorySectors(fh: FileHandle, header: Buffer): AsyncGenerator<Buffer> {
  if (header.length < 512) return;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return;
  const sectorSize = 1 << shift;
  const perFatSector = sectorSize / 4;
  const fatSectors = Math.min(header.readUInt32LE(0x2c), 109); // the header holds the first 109 FAT sector ids
  const offset = (sector: number) => (sector + 1) * sectorSize;

  let sector = header.readUInt32LE(0x30);
  for (let n = 0; n < MAX_DIRECTORY_SECTORS && sector < END_OF_CHAIN; n++) {
    const data = await readAt(fh, offset(sector), sectorSize);
    if (data.length < sectorSize) return;
    yield data;
    const fatIndex = Math.floor(sector / perFatSector);
    if (fatIndex >= fatSectors) return;
    const fatSector = header.readUInt32LE(0x4c + fatIndex * 4);
    const next = await readAt(fh, offset(fatSector) + (sector % perFatSector) * 4, 4);
    if (next.length < 4) return;
    sector = next.readUInt32LE(0);
  }
}

function startsWith(b: Buffer, magic: Buffer): boolean {
  return b.length >= magic.length && b.subarray(0, magic.length).equals(magic);
}

/** The file's `size` bytes (fh.readFile() would stat it again: a syscall per file that a folder of daily files feels). */
async function readAll(fh: FileHandle, size: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  for (let n = -1; at < size && n !== 0; at += n) n = (await fh.read(buf, at, size - at, at)).bytesRead;
  return buf.subarray(0, at);
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}
