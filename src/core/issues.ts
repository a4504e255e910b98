import type { Bilingual, Lang } from './lang.js';

export type Severity = 'error' | 'warning' | 'info';

interface IssueType {
  /** The usual severity; a few codes are warnings in one log and errors in another (unknown-staff). */
  severity: Severity;
  title: Bilingual;
  /** What it means and what to do: printed where the codes are explained (校验问题, docs). */
  explain: Bilingual;
}

/**
 * Every kind of problem ecops reports, after Frictionless Data's error types: one code, one meaning.
 * Every row and cross-row check runs in the loader (logs/load.ts, logs/crosscheck.ts); rules, scoring and the
 * ledger trust the records they receive.
 */
export const ISSUE_TYPES = {
  'missing-column': { severity: 'error', title: { zh: '缺少必需列', en: 'missing column' }, explain: { zh: '表头缺少该记录表的必需列，整张表未读取', en: 'the header lacks a required column of the log; the table is not read' } },
  'duplicate-column': { severity: 'error', title: { zh: '列名重复', en: 'duplicate column' }, explain: { zh: '同一列名出现两次，无法判断用哪一列', en: 'a header appears twice; ecops cannot tell which column to use' } },
  'type-error': { severity: 'error', title: { zh: '类型错误', en: 'type error' }, explain: { zh: '单元格不是该列要求的类型（日期、数字、是/否……），此行已排除', en: 'the cell is not of the column\'s type (date, number, yes/no…); the row is excluded' } },
  'constraint-error': { severity: 'error', title: { zh: '取值不符', en: 'constraint error' }, explain: { zh: '值超出允许范围或不是可选值', en: 'the value is out of range or not one of the allowed values' } },
  'required-value': { severity: 'error', title: { zh: '必填项为空', en: 'required value' }, explain: { zh: '必填的单元格为空，此行已排除', en: 'a required cell is blank; the row is excluded' } },
  'unknown-staff': { severity: 'error', title: { zh: '人员不在名单中', en: 'unknown staff' }, explain: { zh: '姓名不在人员名单中：考核记录中为错误（扣分须落到人），仓库记录中为警告', en: 'the name is not in the staff list: an error in assessed logs (a deduction needs a person), a warning in warehouse logs' } },
  'unknown-sku': { severity: 'error', title: { zh: '货号不在商品档案中', en: 'unknown SKU' }, explain: { zh: '货号不在商品档案中，库存无法计算，此行已排除', en: 'the SKU is not in the product master; the row is excluded' } },
  'unknown-rule': { severity: 'error', title: { zh: '未知条款', en: 'unknown rule' }, explain: { zh: '奖惩登记中的条款编号不是可手工登记的条款，此行已排除', en: 'the incident names no clause that may be entered by hand; the row is excluded' } },
  'rule-disabled': { severity: 'warning', title: { zh: '条款已停用', en: 'rule disabled' }, explain: { zh: '条款在规则文件中已停用，此行不扣分', en: 'the clause is disabled in the regulation file; the row is not counted' } },
  'no-supervisor': { severity: 'warning', title: { zh: '无法确定主管', en: 'no supervisor' }, explain: { zh: '离岗未改状态应扣客服主管 2 分，但找不到唯一的在岗客服主管，未扣', en: 'a supervisor charge is due but there is no single active 客服主管 to charge; none is charged' } },
  'duplicate-row': { severity: 'error', title: { zh: '重复行', en: 'duplicate row' }, explain: { zh: '与前面某行完全相同：警告，只计一次；键重复（同一订单同一货号、同一姓名……）而内容不同：错误，此行已排除', en: 'a row equal to an earlier one: a warning, counted once; the same key (order and SKU, name…) with other values: an error, the row is excluded' } },
  'duplicate-table': { severity: 'warning', title: { zh: '重复的表', en: 'duplicate table' }, explain: { zh: '整张表与另一张同类表的行完全相同（同一记录另存了一份），未重复计入', en: 'every row of the table repeats another table of the same log (a copy); it is not counted again' } },
  'precision-lost': { severity: 'warning', title: { zh: '数字位数丢失', en: 'digits lost' }, explain: { zh: 'Excel 只保留 15 位有效数字，长编号已变成科学计数法或被截断，不同订单可能已被合并；请把该列设为文本后重新录入', en: 'Excel keeps 15 significant digits: a long identifier became 3.99E+18 or lost digits, and different orders may have become one; format the column as text and enter it again' } },
  'encoding': { severity: 'warning', title: { zh: '编码错误', en: 'encoding' }, explain: { zh: '文字显示为乱码，文件可能以错误的编码保存或读取；请用 --encoding 指定编码（如 gbk、utf-8）', en: 'the text shows decoding damage; the file was saved or read in the wrong encoding: try --encoding (gbk, utf-8)' } },
  'missing-log': { severity: 'warning', title: { zh: '缺少记录表', en: 'missing log' }, explain: { zh: '数据中没有这种记录表（连表头都没有），依赖它的条款不计算', en: 'no table of this log was found (not even a header); the rules that read it are not applied' } },
  'order-error': { severity: 'error', title: { zh: '时间先后矛盾', en: 'order error' }, explain: { zh: '两个时间先后颠倒（如返回早于离开），此行已排除', en: 'two times are in the wrong order (back before left, …); the row is excluded' } },
  'exempt-without-reason': { severity: 'warning', title: { zh: '豁免无原因', en: 'exempt without reason' }, explain: { zh: '标记了豁免但没有原因，豁免不生效', en: 'marked exempt without a reason; the exemption does not apply' } },
  'ambiguous-table': { severity: 'error', title: { zh: '无法判断表类型', en: 'ambiguous table' }, explain: { zh: '表头同样符合几种记录表，未读取', en: 'the header fits several logs equally; the table is not read' } },
  'ignored-table': { severity: 'info', title: { zh: '已忽略的表', en: 'ignored table' }, explain: { zh: '不是已知的记录表（可用 ecops inspect 查看原因）', en: 'not a known log (ecops inspect shows why)' } },
  'total-row': { severity: 'info', title: { zh: '合计行', en: 'total row' }, explain: { zh: '首格为合计/总计/小计的行，已跳过', en: 'a row starting with 合计/总计/小计 is skipped' } },
  'file-error': { severity: 'error', title: { zh: '文件无法读取', en: 'file error' }, explain: { zh: '文件无法读取（不是 xlsx/csv、已加密或已损坏），其中的记录未计入', en: 'the file cannot be read (not xlsx/csv, encrypted or damaged); its rows are not included' } },
} as const satisfies Record<string, IssueType>;

export type IssueCode = keyof typeof ISSUE_TYPES;
export const ISSUE_CODES = Object.keys(ISSUE_TYPES) as IssueCode[];

/** Where a record came from, as the spreadsheet shows it (1-based row). */
export interface Source {
  file: string;
  sheet: string;
  row: number;
}

export interface Issue {
  severity: Severity;
  code: IssueCode;
  file: string;
  sheet?: string;
  row?: number;
  /** The header as written in the file. */
  column?: string;
  /** 0-based index of that column in the sheet, when known (for annotated copies). */
  columnIndex?: number;
  value?: string;
  /** Rendered in the output language only when printed or written. */
  message: Bilingual;
}

/**
 * A problem that stops a command: bad usage, a bad regulation or calendar file, a file that cannot be
 * read or written. Carries its message in both languages; the CLI prints one and exits with exitCode.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    readonly text: Bilingual,
    readonly exitCode = 2,
  ) {
    super(text.en);
  }
}

/**
 * docs/issues.md#checks `--strict`: the input has errors, and the command stopped before writing anything: exit 1,
 * or 2 when one of them is a file that cannot be read (docs/cli.md#exit).
 */
export class StrictError extends UsageError {
  override name = 'StrictError';
  constructor(
    readonly errors: number,
    unreadable: boolean,
  ) {
    super(
      {
        zh: `--strict：输入有 ${errors} 个错误，未生成报表（用 ecops validate 查看）`,
        en: `--strict: ${errors} input errors, no report written (see ecops validate)`,
      },
      unreadable ? 2 : 1,
    );
  }
}

/** An input file that cannot be read at all (wrong type, encrypted, corrupt, too large). */
export class FileError extends UsageError {
  override name = 'FileError';
  constructor(
    readonly file: string,
    text: Bilingual,
  ) {
    super(text, 2);
  }
}

export function compareSource(a: Source, b: Source): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row;
}

/** An issue as docs/outputs.md#json prints it: the message in the output language. */
export function issueJson(i: Issue, lang: Lang) {
  return {
    severity: i.severity,
    code: i.code,
    file: i.file,
    sheet: i.sheet ?? null,
    row: i.row ?? null,
    column: i.column ?? null,
    value: i.value ?? null,
    message: i.message[lang],
  };
}

export type IssueJson = ReturnType<typeof issueJson>;
