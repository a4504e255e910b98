/**
 * Every command and option of the CLI, declared once with its help text in Chinese and English: main.ts builds
 * commander from this table, and the README's option list can be generated from it.
 */
import type { OptionValues } from 'commander';
import type { Bilingual } from '../core/lang.js';

export interface OptionSpec {
  /** As commander writes them: `-d, --data <dir>`. */
  flags: string;
  help: Bilingual;
  default?: string;
  choices?: readonly string[];
  /** Must be given (commander's requiredOption). */
  required?: boolean;
}

export interface ArgumentSpec {
  /** As commander writes it: `<file>`, `[logs...]`. */
  name: string;
  help: Bilingual;
}

export interface CommandSpec {
  name: string;
  help: Bilingual;
  arguments?: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  /**
   * Runs the command with its options (the global --lang included) and its arguments in declared order;
   * returns the exit status. Each loads its module on demand: exceljs alone takes a while to compile, and
   * --help should not wait for it.
   */
  run(opts: OptionValues, args: unknown[]): Promise<number>;
}

export const PROGRAM = {
  help: {
    zh: '电商部运营工具：校验记录表、月度与年度考核、每周盘点对账、月末进销存',
    en: 'E-commerce department operations: validate logs, monthly and annual assessment, weekly stock reconciliation, month-end inventory',
  },
  options: [{ flags: '--lang <lang>', help: { zh: '输出语言', en: 'output language' }, choices: ['zh', 'en'] }],
} satisfies { help: Bilingual; options: OptionSpec[] };

/** Options several commands share. */
const json: OptionSpec = { flags: '--json', help: { zh: '在标准输出打印 JSON', en: 'print JSON on stdout' } };

const encoding: OptionSpec = {
  flags: '--encoding <name>',
  help: {
    zh: 'CSV 的编码（默认自动识别：UTF-8、带 BOM 的 UTF-16、GB18030/GBK）',
    en: 'CSV encoding (default: detected: UTF-8, UTF-16 with BOM, GB18030/GBK)',
  },
};

const DATA_OPTIONS: readonly OptionSpec[] = [
  { flags: '-d, --data <dir>', help: { zh: '记录表（.xlsx/.csv）所在的文件夹', en: 'folder of .xlsx/.csv logs' }, default: '.' },
  { flags: '--recursive', help: { zh: '同时读取子文件夹', en: 'also read sub-folders' } },
  encoding,
  {
    flags: '--rules <file>',
    help: { zh: '考核细则文件（默认 templates/regulation.yaml）', en: 'regulation file (default: templates/regulation.yaml)' },
  },
  { flags: '--strict', help: { zh: '输入有任何错误即以状态 1 退出，不生成报表', en: 'any input error: exit 1 and write nothing' } },
];

const OUTPUT_OPTIONS: readonly OptionSpec[] = [
  { flags: '-o, --out <dir>', help: { zh: '报表输出文件夹', en: 'folder for the workbooks' }, default: './reports' },
  { flags: '--json', help: { zh: '在标准输出打印 JSON，代替摘要', en: 'print JSON on stdout instead of the summary' } },
  { flags: '-q, --quiet', help: { zh: '不在标准错误输出进度和提示', en: 'no progress or messages on stderr' } },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    help: { zh: '校验所有记录表并列出问题', en: 'check every log and list the problems' },
    options: [
      ...DATA_OPTIONS,
      json,
      {
        flags: '--annotate <dir>',
        help: {
          zh: '把每个有问题的输入文件标注后另存为 .xlsx，放进 <dir>',
          en: 'write a marked-up .xlsx copy of every input file with issues into <dir>',
        },
      },
      { flags: '-q, --quiet', help: { zh: '不显示进度', en: 'no progress on stderr' } },
    ],
    run: async (opts) => (await import('./validate.js')).validateCommand(opts),
  },
  {
    name: 'template',
    help: { zh: '生成空白记录表模板，每种记录一个', en: 'write blank input workbooks, one per log' },
    arguments: [{ name: '[logs...]', help: { zh: '记录类型（默认全部）', en: 'log keys (default: all)' } }],
    options: [
      { flags: '-o, --out <dir>', help: { zh: '模板输出文件夹', en: 'folder for the templates' }, default: './templates-out' },
      { flags: '-d, --data <dir>', help: { zh: '从这里的人员名单和商品档案生成下拉选项，并预填盘点表', en: 'fill the dropdowns from the staff list and SKU master found here, and pre-fill the 盘点表' } },
      { flags: '--rules <file>', help: { zh: '考核细则文件（奖惩登记的条款下拉）', en: 'regulation file (the clauses of 奖惩登记)' } },
    ],
    run: async (opts, [logs]) => (await import('./template.js')).templateCommand(logs as string[], opts),
  },
  {
    name: 'score',
    help: { zh: '月度考核表', en: 'monthly assessment workbook' },
    options: [
      ...DATA_OPTIONS,
      ...OUTPUT_OPTIONS,
      { flags: '-m, --month <YYYY-MM>', help: { zh: '考核月份', en: 'month to assess' }, required: true },
      { flags: '--as-of <datetime>', help: { zh: '不计此时刻之后的违规', en: 'leave out violations dated after this instant' } },
      { flags: '--calendar <file>', help: { zh: '公司日历（YAML：节假日、调休工作日）', en: 'company calendar (YAML: holidays, workdays)' } },
      {
        flags: '--history <dir>',
        help: {
          zh: '以往考核结果（score-YYYY-MM.json）所在文件夹，用于 LD-3 提示和趋势（默认 --out：score 把结果存在那里）',
          en: 'earlier assessments (score-YYYY-MM.json) for the LD-3 hint and the trend (default: --out, where score saves them)',
        },
      },
    ],
    run: async (opts) => (await import('./score.js')).scoreCommand(opts),
  },
  {
    name: 'inspect',
    help: { zh: '显示一个文件是怎样读取的：各表的表头行、识别的记录类型、列对应和前几行', en: 'show how one file is read: its tables, header row, log, column mapping and first rows' },
    arguments: [{ name: '<file>', help: { zh: '一个 .xlsx 或 .csv 文件', en: 'an .xlsx or .csv file' } }],
    options: [
      { flags: '--cells', help: { zh: '改为列出每个非空单元格（与 --json 一起：每格一行 JSON）', en: 'every non-empty cell instead (with --json: one JSON line per cell)' } },
      json,
      encoding,
      { flags: '--rules <file>', help: { zh: '考核细则文件（用其中的列名别名）', en: 'regulation file, for its column aliases' } },
    ],
    run: async (opts, [file]) => (await import('./inspect.js')).inspectCommand(file as string, opts),
  },
  {
    name: 'annual',
    help: { zh: '年度考核表：全年各月得分、等级与奖金系数、服务之星', en: 'annual assessment workbook: every month of the year, grades and bonus, 服务之星' },
    options: [
      ...DATA_OPTIONS,
      ...OUTPUT_OPTIONS,
      { flags: '-y, --year <YYYY>', help: { zh: '考核年度', en: 'year to assess' }, required: true },
      { flags: '--calendar <file>', help: { zh: '公司日历（YAML：节假日、调休工作日）', en: 'company calendar (YAML: holidays, workdays)' } },
      {
        flags: '--history <dir>',
        help: {
          zh: '月度考核结果（score-YYYY-MM.json，由 score 保存）所在文件夹，用于没有记录的月份（默认 --out）',
          en: 'saved monthly assessments (score-YYYY-MM.json) for the months without logs (default: --out)',
        },
      },
    ],
    run: async (opts) => (await import('./annual.js')).annualCommand(opts),
  },
  {
    name: 'rules',
    help: { zh: '显示将要执行的考核细则', en: 'print the regulation as it will be applied' },
    options: [{ flags: '--rules <file>', help: { zh: '考核细则文件', en: 'regulation file' } }, json],
    run: async (opts) => (await import('./rules.js')).rulesCommand(opts),
  },
  {
    name: 'reconcile',
    help: { zh: '每周盘点对账', en: 'weekly stock-count reconciliation' },
    options: [
      ...DATA_OPTIONS,
      ...OUTPUT_OPTIONS,
      { flags: '-w, --week <YYYY-Www>', help: { zh: '盘点周（ISO 周，如 2024-W21）', en: 'ISO week' } },
      { flags: '--date <YYYY-MM-DD>', help: { zh: '只对某一天的盘点', en: 'one day' } },
      { flags: '--tolerance <n>', help: { zh: '差异不超过此数量视为一致', en: 'variance treated as 一致' }, default: '0' },
    ],
    run: async (opts) => (await import('./reconcile.js')).reconcileCommand(opts),
  },
  {
    name: 'close',
    help: { zh: '月末进销存汇总表和报损单', en: 'month-end inventory and loss workbooks' },
    options: [...DATA_OPTIONS, ...OUTPUT_OPTIONS, { flags: '-m, --month <YYYY-MM>', help: { zh: '结账月份', en: 'month to close' }, required: true }],
    run: async (opts) => (await import('./close.js')).closeCommand(opts),
  },
  {
    name: 'stock',
    help: { zh: '每日库存检查：某日结束时的账面库存、警戒库存补货、缺货、过季下架', en: 'daily stock check: the book at the end of a day, reorder, shortages, delist' },
    options: [...DATA_OPTIONS, ...OUTPUT_OPTIONS, { flags: '--date <YYYY-MM-DD>', help: { zh: '取该日结束时的账面库存', en: 'day whose end the book is taken at' }, required: true }],
    run: async (opts) => (await import('./stock.js')).stockCommand(opts),
  },
];
