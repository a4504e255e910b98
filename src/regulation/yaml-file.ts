/**
 * Reading the department's YAML configuration files (the regulation, the company calendar) so that every
 * problem names the file, the line and the key path, in Chinese and English.
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { UsageError } from '../core/issues.js';
import type { Bilingual } from '../core/lang.js';

export type YamlPath = readonly (string | number)[];

export interface YamlFile {
  /** The file as the user named it. */
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The document as plain data (null for an empty file). */
  data: unknown;
}

/** One problem in a configuration file. */
export interface ConfigProblem {
  line?: number;
  /** Key path as users read it, e.g. `rules[CS-REPLY-3].params.max_seconds`. */
  path: string;
  message: Bilingual;
}

/** A configuration file that cannot be used; exit status 2. Lists every problem found, one per line. */
export class ConfigFileError extends UsageError {
  override name = 'ConfigFileError';
  constructor(
    readonly file: string,
    readonly kind: Bilingual,
    readonly problems: ConfigProblem[],
  ) {
    super(
      {
        zh: problems.map((p) => `${kind.zh} ${file}${p.line ? ` 第 ${p.line} 行` : ''}${p.path ? ` ${p.path}` : ''}：${p.message.zh}`).join('\n'),
        en: problems.map((p) => `${kind.en} ${file}${p.line ? ` line ${p.line}` : ''}${p.path ? `, ${p.path}` : ''}: ${p.message.en}`).join('\n'),
      },
      2,
    );
  }
}

/** Reads and parses a YAML file; unreadable files and syntax errors become a ConfigFileError. */
export function readYamlFile(path: string, kind: Bilingual): YamlFile {
  return parseYamlText(readConfigText(path, kind), path, kind);
}

/** A configuration file's text; an unreadable file is a ConfigFileError. */
export function readConfigText(path: string, kind: Bilingual): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? { zh: '文件不存在', en: 'file not found' } : { zh: `无法读取（${(err as Error).message}）`, en: `cannot be read (${(err as Error).message})` };
    throw new ConfigFileError(path, kind, [{ path: '', message: why }]);
  }
}

export function parseYamlText(text: string, file: string, kind: Bilingual): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigFileError(
      file,
      kind,
      doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? (e.pos ? lines.linePos(e.pos[0]).line : undefined),
        path: '',
        message: { zh: `YAML 格式错误：${e.message.split('\n')[0]}`, en: `YAML syntax error: ${e.message.split('\n')[0]}` },
      })),
    );
  }
  return { file, doc, lines, data: doc.toJS({ maxAliasCount: 1000 }) };
}

function keyText(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/**
 * The node at a key path; with `key`, the node of the last key itself (for unknown keys). Falls back to the
 * deepest node that exists, so a missing key still points near where it belongs.
 */
export function nodeAt(y: YamlFile, path: YamlPath, key = false): Node | undefined {
  let node: unknown = y.doc.contents;
  let found = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(keyText(p.key)) === String(seg));
      if (!pair) return found;
      if (last && key) return (pair.key as Node) ?? found;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) return found;
    } else {
      return found;
    }
    if (node && typeof node === 'object' && 'range' in node) found = node as Node;
  }
  return found;
}

/** 1-based line of the node at a path (see nodeAt). */
export function lineAt(y: YamlFile, path: YamlPath, key = false): number | undefined {
  const node = nodeAt(y, path, key);
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : y.lines.linePos(offset).line;
}

/** The value at a path as the user wrote it, for messages. */
export function shown(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${value}"`;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
