/**
 * A synthetic month at scale for `npm run bench` (never committed). At scale 1: 1,000,000 consultations as one
 * .xlsx per day of May 2024 (title row, shared strings, date cells, Chinese text) and the same rows as one UTF-8
 * CSV per day; 30 staff, 20,000 SKUs, 300,000 shipment lines, 30,000 returns, inbound for the SKUs that run low,
 * 5 stock counts of every SKU, and a few hundred presence/report/listing/meeting/incident rows. The big logs scale
 * linearly with the scale factor; staff and the small logs do not.
 *
 * Layout: `<root>/g<version>-s<scale>/xlsx/` (every log as .xlsx) and `.../csv/` (the consultations as CSV, the other
 * logs as links to the .xlsx files), with `manifest.json` written last. A folder with a manifest is reused.
 * Deterministic: every random choice comes from a seeded PRNG, one stream per log (per day for consultations).
 *
 * The month is May 2024 unless told (`--month 6`); `--year` generates the twelve months of 2024 in one folder
 * (`<root>/y<version>-s<scale>/xlsx/`: consultations one workbook per day, the other logs one workbook per month
 * such as `发货记录-2024-06.xlsx`, the staff list and product master once), each month the bench month's size.
 *
 *   tsx bench/generate.ts [--scale 0.1] [--month 5 | --year]      prints the manifest
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { rng, type Rng } from '../fixtures/random.js';
import { createCalendar } from '../src/calendar/calendar.js';

/** Bump when the data changes: folders of another version are not reused. */
export const GENERATOR_VERSION = 2;
export const BENCH_ROOT = process.env.ECOPS_BENCH_DIR ?? join(tmpdir(), 'ecops-bench');

export interface Manifest {
  version: number;
  scale: number;
  xlsxDir: string;
  csvDir: string;
  /** Data rows per log (the same in both folders). */
  logs: Record<string, number>;
  /** Data rows of all logs: what every command reads. */
  totalRows: number;
  generatedSeconds: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Wall-clock time (ms since 1970 as if the department's clock were UTC), the calendar, and the period a month spans.

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const d24 = (m: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(2024, m - 1, d, h, mi, s);
const dayOf = (x: number) => x - (x % DAY);
const ymd = (x: number) => new Date(x).toISOString().slice(0, 10);
/** The project's own working-day calendar (the statutory one; docs/rules.md#calendar), as the rules use it. */
const calendar = createCalendar();
const isWorkingDay = (x: number) => calendar.isWorkingDay(x);
const nextWorkingDay = (x: number) => calendar.nextWorkingDay(x);
const belongsTo = (x: number) => (isWorkingDay(dayOf(x)) && x % DAY < 18 * HOUR ? dayOf(x) : nextWorkingDay(x));
const daysOf = (month: number) => Array.from({ length: new Date(d24(month + 1, 0)).getUTCDate() }, (_, i) => d24(month, i + 1));

interface Count {
  at: number;
  dateOnly: boolean;
  sheet: string;
}

/**
 * What one month's data spans. The bench month alone (`monthAlone`) runs from the 20th of the month before to the
 * 5th of the month after, as a shop's export around a month does; a month of the year (`monthOfYear`) keeps the
 * year's logs apart month by month (orders by their completion, counts on the month's Fridays) so that twelve of
 * them make one year without a row twice.
 */
interface Period {
  /** 1–12, of 2024. */
  month: number;
  /** The PRNG stream of a log: the bench month May keeps the names it always had, so its cells never change. */
  seed: (log: string) => string;
  /** No row is dated outside [from, to]; `from` is the master's 期初日期. */
  from: number;
  to: number;
  /** Orders complete in [completeFrom, completeTo); returns are requested by `returnsBy`. */
  completeFrom: number;
  completeTo: number;
  returnsBy: number;
  counts: Count[];
  /** The 日报 of these days are this month's (a consultation late on the last day belongs to the next month's). */
  reportDay: (day: number) => boolean;
  /** The shipments sheet's title. */
  shipTitle: string;
}

/** The working Fridays of the month, counted (every other one entered by date only, as 23:59:59 of the day). */
function fridayCounts(month: number, first: number): Count[] {
  const fridays = daysOf(month).filter((d) => new Date(d).getUTCDay() === 5 && isWorkingDay(d));
  return fridays.map((d, i) => {
    const dateOnly = (first + i) % 2 === 1;
    return { at: dateOnly ? d + DAY - SEC : d + 18 * HOUR, dateOnly, sheet: `${month}月${new Date(d).getUTCDate()}日` };
  });
}

const seedOf = (month: number) => (log: string) => (month === 5 ? log : `${log}-2024-${pad(month)}`);

/** A month on its own, as the bench measures it: 20th of the month before – 5th of the month after. */
export function monthAlone(month: number): Period {
  const from = d24(month - 1, 20);
  const to = d24(month + 1, 5, 23, 59, 59);
  // One count the week before the month opens the book; then the month's Fridays.
  let lead = dayOf(d24(month, 1) - DAY);
  while (new Date(lead).getUTCDay() !== 5 || !isWorkingDay(lead)) lead -= DAY;
  const leadCount = { at: lead + 17.5 * HOUR, dateOnly: false, sheet: `${new Date(lead).getUTCMonth() + 1}月${new Date(lead).getUTCDate()}日` };
  return {
    month, seed: seedOf(month), from, to,
    completeFrom: from, completeTo: d24(month + 1, 4, 12), returnsBy: d24(month + 1, 3, 12),
    counts: [leadCount, ...fridayCounts(month, 1)],
    reportDay: () => true,
    shipTitle: `发货明细（${ymd(from)} 至 ${ymd(to)}）`,
  };
}

/** A month of the year 2024: the year's data runs 1 January – 5 January 2025. */
export function monthOfYear(month: number): Period {
  const start = d24(month, 1);
  const next = d24(month + 1, 1);
  return {
    month, seed: seedOf(month), from: d24(1, 1), to: d24(13, 5, 23, 59, 59),
    completeFrom: start, completeTo: next, returnsBy: d24(13, 3, 12),
    counts: fridayCounts(month, 0),
    reportDay: (day) => day >= start && day < next,
    shipTitle: `发货明细（${ymd(start)} 至 ${ymd(next - DAY)}）`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writers. A cell is text, a number, a wall time (Date, shown with its column's date format) or empty.

type Cell = string | number | Date | null;
const dt = (x: number | undefined): Cell => (x === undefined ? null : new Date(x));
const yes = (b: boolean) => (b ? '是' : null);
const F_DT = 'yyyy-mm-dd hh:mm:ss';
const F_D = 'yyyy-mm-dd';

interface SheetOut {
  name: string;
  title?: string;
  headers: string[];
  /** Column index → date format. */
  dates: Record<number, string>;
  rows: Iterable<Cell[]>;
}

/** One shared style object per column: exceljs then resolves each cell's style id from a WeakMap hit. */
const PLAIN = {};
const BOLD = { bold: true };

async function writeXlsx(path: string, sheets: SheetOut[]): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  wb.creator = '电商部';
  let rows = 0;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: s.title ? 2 : 1 }] });
    const styles = s.headers.map((_, i) => (s.dates[i] ? { numFmt: s.dates[i] } : PLAIN));
    s.headers.forEach((h, i) => (ws.getColumn(i + 1).width = s.dates[i] ? 20 : Math.max(10, h.length * 2 + 4)));
    if (s.title) {
      const title = ws.addRow([s.title]);
      title.getCell(1).font = { bold: true, size: 14 };
      ws.mergeCells(1, 1, 1, s.headers.length);
      title.commit();
    }
    const header = ws.addRow(s.headers);
    header.eachCell((c) => (c.font = BOLD));
    header.commit();
    for (const values of s.rows) {
      const row = ws.addRow(values);
      row.eachCell((c, col) => (c.style = styles[col - 1]));
      row.commit();
      rows++;
    }
    ws.commit();
  }
  await wb.commit();
  return rows;
}

const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
function csvText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) {
    return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())} ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}:${pad(c.getUTCSeconds())}`;
  }
  const s = String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM and CRLF, as Excel's "CSV UTF-8" writes; no title row. */
async function writeCsv(path: string, headers: string[], rows: Iterable<Cell[]>): Promise<void> {
  const out = createWriteStream(path);
  let buf = '\uFEFF' + headers.join(',') + '\r\n';
  for (const r of rows) {
    buf += r.map(csvText).join(',') + '\r\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((ok) => out.once('drain', () => ok()));
      buf = '';
    }
  }
  await new Promise<void>((ok, fail) => out.end(buf, () => ok()).once('error', fail));
}

// ---------------------------------------------------------------------------------------------------------------
// Staff: 30 people, all active over the whole range.

const CS = ['张婷', '李娜', '陈静', '赵敏', '孙悦', '周敏', '吴倩', '徐丽', '朱燕', '胡蓉', '郭佳', '何雪', '高媛', '林琳', '罗莹', '梁爽', '宋雨', '谢晴'];
const LEADS = ['刘芳', '郑洁'];
const EDITORS = ['周晓峰', '韩冬'];
const WAREHOUSE = ['曹宇', '邓超', '何军'];
const STAFF: [string, string, string | null][] = [
  ['王磊', '负责人', null],
  ...LEADS.map((n): [string, string, string] => [n, '客服主管', '王磊']),
  ...CS.map((n, i): [string, string, string] => [n, '客服', LEADS[i % 2]]),
  ...EDITORS.map((n): [string, string, string] => [n, '在线编辑', '王磊']),
  ['黄丽', '文案', '王磊'],
  ['林浩', '美工', '王磊'],
  ['马强', '仓库主管', '王磊'],
  ['冯刚', '入库员', '马强'],
  ['曹宇', '打单员', '马强'],
  ['邓超', '配货员', '马强'],
  ['何军', '打包员', '马强'],
];

// ---------------------------------------------------------------------------------------------------------------
// Consultations.

const CONSULT_HEADERS = [
  '咨询时间', '客服', '渠道', '客户', '首次回复时间', '首次响应秒数', '是否接听', '响铃次数',
  '处理完成时间', '批注', '需回访', '回访时间', '评价', '评价内容', '豁免', '豁免原因',
];
const CONSULT_DATES = { 0: F_DT, 4: F_DT, 8: F_DT, 11: F_DT };
const NOTES = [
  '已回复：支持7天无理由退换，运费险已生效', '已查物流，告知买家预计明天送达', '买家问尺码，身高165体重55推荐M码',
  '已修改收货地址并通知仓库', '催发货，已备注今日优先发出', '已说明满199减20优惠券使用规则', '需要开发票，已登记抬头转财务',
  '赠品漏发，已备注补发', '反映色差，已安抚并发5元红包', '问凉席尺寸，已发详情图和尺寸表', '询问是否有现货，已告知48小时内发货',
];
const NICK_A = ['小', '阿', '爱吃', '快乐', '晴天', '草莓', '橘子', '星星', '木木', '可乐', '糖糖', '大白', '一只', '喵喵'];
const NICK_B = ['猫', '鱼', '兔', '熊', '酱', '宝宝', '妈咪', '同学', '君', '喵', '豆', '鲸', '柚子'];
const BAD_REVIEWS = ['客服态度很差，问了半天不回', '发错货还不承认，再也不买了', '质量一般，客服敷衍'];
const EXEMPT_REASON = '千牛系统故障，平台已发公告';

/** Hour-of-day weights of incoming contacts (0–23). */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.5, 1, 2, 6, 9, 9, 7, 7, 8, 8, 8, 7, 6, 6, 7, 8, 6, 2];
const HOUR_CUMULATIVE = HOUR_WEIGHTS.map((_, i) => HOUR_WEIGHTS.slice(0, i + 1).reduce((a, b) => a + b, 0));

function consultRow(r: Rng, at: number): Cell[] {
  const staff = r.pick(CS);
  const clock = at % DAY;
  const inHours = clock >= 9 * HOUR && clock < 23 * HOUR;
  const u = r.next();
  const channel = !inHours ? '留言' : u < 0.62 ? '旺旺' : u < 0.78 && clock < 22 * HOUR ? '电话' : '留言';
  const nick = r.chance(0.4) ? `tb${r.digits(r.int(8, 10))}` : `${r.pick(NICK_A)}${r.pick(NICK_B)}${r.int(1, 9999)}`;
  const row: Cell[] = [dt(at), staff, channel, nick, null, null, null, null, null, null, null, null, null, null, null, null];
  let breach = false;
  if (channel === '旺旺') {
    breach = r.chance(0.015);
    const s = breach ? r.int(46, 180) : r.int(3, 40);
    if (r.chance(0.3)) row[4] = dt(at + s * SEC);
    else row[5] = s;
  } else if (channel === '电话') {
    breach = r.chance(0.01);
    const unanswered = breach && r.chance(0.3);
    row[6] = unanswered ? '否' : '是';
    if (!unanswered) row[7] = breach ? r.int(11, 15) : r.int(1, 8);
  } else {
    // 留言 (CS-ONLINE-4): due the same day before the evening cut-off on a working day, else 12:00 next working day.
    const sameDay = isWorkingDay(dayOf(at)) && clock < 18 * HOUR;
    const deadline = sameDay ? dayOf(at) + DAY - SEC : nextWorkingDay(at) + 12 * HOUR;
    const onTime = sameDay
      ? Math.max(at, dayOf(at) + 9 * HOUR) + r.int(5, 120) * MIN
      : clock >= 18 * HOUR && clock < 22 * HOUR ? at + r.int(5, 50) * MIN : nextWorkingDay(at) + 9 * HOUR + r.int(5, 150) * MIN;
    breach = r.chance(0.015);
    const kind = breach ? r.int(0, 5) : -1;
    if (kind !== 0) row[8] = dt(kind > 1 ? deadline + r.int(1, 300) * MIN : onTime);
    row[9] = kind === 1 ? '好' : r.pick(NOTES);
  }
  if (channel !== '留言' && r.chance(0.05)) {
    row[10] = '是';
    const late = r.chance(0.04);
    const due = nextWorkingDay(belongsTo(at));
    if (!late || r.chance(0.5)) row[11] = dt(due + (late ? DAY : 0) + 10 * HOUR + r.int(0, 420) * MIN);
  }
  if (r.chance(0.15)) row[12] = '好评';
  else if (r.chance(0.01)) row[12] = '中评';
  else if (r.chance(0.001)) {
    row[12] = '差评';
    if (r.chance(0.5)) row[13] = r.pick(BAD_REVIEWS);
  }
  if (breach && r.chance(0.02)) {
    row[14] = '是';
    row[15] = EXEMPT_REASON;
  }
  return row;
}

/** One day's contacts, in time order. */
function consultDay(day: number, n: number, seen: Set<string>): Cell[][] {
  const r = rng(`consult-${ymd(day)}`);
  const total = HOUR_CUMULATIVE[23];
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r.next() * total;
    const h = HOUR_CUMULATIVE.findIndex((c) => u < c);
    times[i] = day + h * HOUR + r.int(0, 3599) * SEC;
  }
  times.sort();
  const rows: Cell[][] = [];
  for (const at of times) {
    const row = consultRow(r, at);
    seen.add(`${row[1]}|${belongsTo(at)}`);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Products, shipments, returns, inbound, stock counts.

const CLOTHES = ['纯棉圆领T恤', '冰丝阔腿裤', '碎花雪纺连衣裙', '冰丝防晒衣', '加绒连帽卫衣', '亚麻短袖衬衫', '高腰牛仔短裤', '羊毛针织开衫'];
const HOME = ['莫代尔四件套', '冰丝凉席三件套', '纯棉毛巾', '纯棉浴巾', '乳胶枕', '透明收纳箱', '棉麻抱枕套', '硅藻泥地垫', '陶瓷马克杯', '玻璃保鲜盒'];
const COLORS = ['白色', '黑色', '卡其', '雾蓝', '浅粉', '灰色', '藏青', '米白', '豆绿', '天蓝'];
const SIZES = ['S', 'M', 'L', 'XL', '均码', '1.5m床', '1.8m床'];
const CARRIERS: [string, string][] = [['中通快递', '7'], ['圆通速递', 'YT'], ['韵达快递', '43'], ['顺丰速运', 'SF'], ['申通快递', '77'], ['极兔速递', 'JT']];
const RETURN_REASONS = ['尺码不合适', '颜色与图片不符', '质量问题', '发错货', '不想要了', '物流太慢', '包装破损'];
const LOSS_NOTES = ['盘亏：货架未找到', '盘亏：拆包做样品未登记', '盘盈：退货未登记入库', '盘盈：到货多发未入账'];

interface Sku {
  code: string;
  cost: number;
  safety: number;
  status: string;
  opening: number;
  /** The book at the last count (the opening stock before any), and the movements since, as [time, delta]. */
  book: number;
  moves: [number, number][];
}

function makeSkus(n: number, from: number): { skus: Sku[]; rows: Cell[][]; weights: Float64Array } {
  const r = rng('skus');
  const skus: Sku[] = [];
  const rows: Cell[][] = [];
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const clothes = r.chance(0.55);
    const code = `${clothes ? 'YF' : 'JJ'}-${String(i + 1).padStart(5, '0')}`;
    const cost = r.chance(0.2) ? Math.round((r.int(1000, 30000) / 3) * 100) / 10000 : r.int(500, 20000) / 100;
    const safety = r.int(3, 30);
    const u = r.next();
    const status = u < 0.9 ? '在售' : u < 0.97 ? '过季' : '下架';
    weights[i] = status === '在售' ? r.next() ** 3 : status === '过季' ? 0.02 : 0;
    const opening = safety + r.int(10, 80);
    skus.push({ code, cost, safety, status, opening, book: opening, moves: [] });
    const name = r.pick(clothes ? CLOTHES : HOME);
    rows.push([code, name, `${r.pick(COLORS)}/${r.pick(SIZES)}`, cost, safety, safety * r.int(3, 6), opening, dt(from), status]);
  }
  return { skus, rows, weights };
}

function cumulative(weights: Float64Array): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (c[i] = s += w));
  return c;
}
/** Index drawn in proportion to the weights (binary search over the cumulative sums). */
function draw(r: Rng, cum: Float64Array): number {
  const u = r.next() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Line {
  order: string;
  sku: number;
  qty: number;
  shipped?: number;
}

/** Shipment lines, in completion order; each line's stock movement is recorded on its SKU. */
function makeShipments(n: number, skus: Sku[], cum: Float64Array, p: Period): { rows: Cell[][]; lines: Line[] } {
  const r = rng(p.seed('shipments'));
  // Lines per order first (1: 70%, 2: 20%, 3: 10%), so that completions spread over the whole range.
  const sizes: number[] = [];
  for (let left = n; left > 0; left -= sizes[sizes.length - 1]) {
    const u = r.next();
    sizes.push(Math.min(left, u < 0.7 ? 1 : u < 0.9 ? 2 : 3));
  }
  const completions = new Float64Array(sizes.length);
  for (let i = 0; i < sizes.length; i++) completions[i] = p.completeFrom + r.next() * (p.completeTo - p.completeFrom);
  completions.sort();
  const rows: Cell[][] = [];
  const lines: Line[] = [];
  sizes.forEach((size, o) => {
    const done = Math.floor(completions[o] / SEC) * SEC;
    const order = `2024${r.digits(14)}`;
    const onTime = isWorkingDay(dayOf(done)) && done % DAY < 16 * HOUR
      ? dayOf(done) + r.int(16 * 60, 19 * 60) * MIN
      : nextWorkingDay(done) + r.int(10 * 60, 18 * 60) * MIN;
    const late = r.chance(0.008);
    let shipped: number | undefined = late ? nextWorkingDay(nextWorkingDay(done)) + 15 * HOUR : onTime;
    if (r.chance(0.002) || shipped > p.to) shipped = undefined;
    const exempt = late && r.chance(0.05);
    const [carrier, prefix] = r.pick(CARRIERS);
    const tracking = shipped === undefined || r.chance(0.0005) ? null : `${prefix}${r.digits(13)}`;
    const staff = r.pick(WAREHOUSE);
    const taken = new Set<number>();
    for (let k = 0; k < size; k++) {
      let s = draw(r, cum);
      while (taken.has(s)) s = (s + 1) % skus.length;
      taken.add(s);
      const q = r.next();
      const qty = q < 0.8 ? 1 : q < 0.95 ? 2 : r.int(3, 5);
      if (shipped !== undefined) skus[s].moves.push([shipped, -qty]);
      lines.push({ order, sku: s, qty, shipped });
      rows.push([order, dt(done), dt(shipped), skus[s].code, qty, staff, shipped === undefined ? null : carrier, tracking,
        yes(exempt), exempt ? '暴雨快递停运，平台已报备' : null]);
    }
  });
  return { rows, lines };
}

function makeReturns(n: number, skus: Sku[], lines: Line[], p: Period): Cell[][] {
  const r = rng(p.seed('returns'));
  const latest = p.returnsBy;
  const shipped = lines.filter((l) => l.shipped !== undefined && l.shipped < latest);
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const line = r.pick(shipped);
    const sku = skus[line.sku];
    const requested = Math.max(line.shipped! + HOUR, Math.min(latest, line.shipped! + r.int(1, 6) * DAY) + r.int(-120, 120) * MIN);
    const u = r.next();
    const type = u < 0.55 ? '退货' : u < 0.75 ? '换货' : '退款';
    // CS-AFTER-2: registered by the end of the next working day; 3% late or never.
    const due = nextWorkingDay(requested) + DAY - SEC;
    let registered: number | undefined = Math.min(requested + r.int(10, 600) * MIN, due);
    if (r.chance(0.03)) registered = r.chance(0.3) ? undefined : due + r.int(1, 48) * HOUR;
    if (registered !== undefined && registered > p.to) registered = undefined;
    const back = type === '退款' ? undefined : requested + r.int(2, 6) * DAY + r.int(-300, 300) * MIN;
    const received = back !== undefined && back <= p.to ? back : undefined;
    const damaged = received !== undefined && r.chance(0.06);
    const qty = type === '退款' ? null : r.int(1, line.qty);
    if (received !== undefined && !damaged) sku.moves.push([received, qty!]);
    const refundOnly = type === '退款' && r.chance(0.5);
    rows.push([
      line.order, type, refundOnly ? null : sku.code, refundOnly ? null : qty ?? 1, dt(requested), dt(registered), r.pick(CS),
      dt(received), received === undefined ? null : damaged ? '破损' : '完好',
      type === '换货' ? null : Math.round(sku.cost * 180) / 100, r.pick(RETURN_REASONS),
    ]);
  }
  return rows.sort((a, b) => +(a[4] as Date) - +(b[4] as Date));
}

/** Restock for the SKUs whose demand outruns their stock: one receipt on a working day from the month's 6th. */
function makeInbound(skus: Sku[], p: Period): Cell[][] {
  const r = rng(p.seed('inbound'));
  const rows: Cell[][] = [];
  skus.forEach((s) => {
    const demand = -s.moves.reduce((a, [, q]) => a + Math.min(0, q), 0);
    if (demand <= s.book - s.safety) return;
    let day = d24(p.month, r.int(6, 20));
    while (!isWorkingDay(day)) day += DAY;
    const at = day + r.int(9 * 60, 16 * 60) * MIN;
    const qty = Math.max(r.int(5, 20), demand - s.book + r.int(0, s.safety + 40)); // some end at or below safety stock
    s.moves.push([at, qty]);
    rows.push([dt(at), `RK${ymd(day).replace(/-/g, '')}-${r.digits(4)}`, s.code, qty, s.cost, '冯刚']);
  });
  return rows.sort((a, b) => +(a[0] as Date) - +(b[0] as Date));
}

/**
 * Every SKU at every count: the book replayed from the moves, with a small share of gains and losses; the
 * moves after the last count stay for the next month's.
 */
function makeCounts(skus: Sku[], p: Period): Cell[][][] {
  const r = rng(p.seed('counts'));
  const sheets: Cell[][][] = p.counts.map(() => []);
  for (const s of skus) {
    const moves = s.moves.sort((a, b) => a[0] - b[0]);
    let book = s.book;
    let m = 0;
    const split = r.chance(0.03);
    const loc = `${s.code.startsWith('YF') ? 'A' : 'B'}-${pad(r.int(1, 40))}-${pad(r.int(1, 20))}`;
    p.counts.forEach((c, k) => {
      while (m < moves.length && moves[m][0] <= c.at) book += moves[m++][1];
      const variance = r.chance(0.015) ? r.pick([-3, -2, -1, -1, -1, 1, 1, 2]) : 0;
      const counted = Math.max(0, book + variance);
      const system = r.chance(0.02) ? counted + r.int(1, 3) : counted;
      const note = counted !== book ? r.pick(LOSS_NOTES.filter((n) => n.startsWith(counted < book ? '盘亏' : '盘盈'))) : null;
      const when = dt(c.dateOnly ? dayOf(c.at) : c.at);
      const counter = k % 2 ? '冯刚' : '马强';
      if (split && counted >= 2) {
        const a = r.int(1, counted - 1);
        sheets[k].push([when, s.code, loc, a, system, counter, note], [when, s.code, `C-01-${pad(r.int(1, 20))}`, counted - a, null, counter, null]);
      } else {
        sheets[k].push([when, s.code, loc, counted, system, counter, note]);
      }
      book = counted;
    });
    s.book = book;
    s.moves = moves.slice(m);
  }
  return sheets;
}

// ---------------------------------------------------------------------------------------------------------------
// The small logs: presence, reports, listings, meetings, incidents.

function makePresence(p: Period): Cell[][] {
  const r = rng(p.seed('presence'));
  const rows: Cell[][] = [];
  for (const day of daysOf(p.month)) {
    for (let i = isWorkingDay(day) ? r.int(5, 9) : r.int(1, 3); i > 0; i--) {
      const staff = r.pick(CS);
      const left = day + r.int(9 * 60 + 30, 21 * 60 + 30) * MIN + r.int(0, 59) * SEC;
      const back = left + (r.chance(0.1) ? r.int(20, 59) * SEC : r.int(2, 25) * MIN);
      const lunch = left < day + 13.5 * HOUR && back > day + 11.5 * HOUR;
      const needsCover = lunch || !isWorkingDay(day);
      const cover = (needsCover ? r.chance(0.92) : r.chance(0.5)) ? r.pick(CS.filter((n) => n !== staff)) : null;
      rows.push([staff, dt(left), dt(back), yes(r.chance(0.93)), cover, null, null]);
    }
  }
  return rows;
}

/** 日报 for every 客服 and day their consultations belong to; 周总结 for every week whose Friday is in the month. */
function makeReports(seen: Set<string>, p: Period): { daily: Cell[][]; weekly: Cell[][] } {
  const r = rng(p.seed('reports'));
  const daily: Cell[][] = [];
  for (const key of [...seen].sort()) {
    const [staff, d] = key.split('|');
    const day = Number(d);
    if (!p.reportDay(day)) continue;
    seen.delete(key);
    const due = nextWorkingDay(day) + 10 * HOUR;
    const u = r.next();
    if (u < 0.01) continue; // missing
    const submitted = u < 0.03 ? due + r.int(5, 240) * MIN : due - r.int(5, 60) * MIN;
    daily.push(['日报', staff, dt(day), dt(submitted), r.chance(0.005) ? '否' : '是', null, null]);
  }
  const weekly: Cell[][] = [];
  for (const friday of daysOf(p.month).filter((d) => new Date(d).getUTCDay() === 5)) {
    const monday = friday - 4 * DAY;
    let due = friday;
    while (!isWorkingDay(due)) due -= DAY;
    if (due < monday) continue; // a week off
    for (const staff of CS) {
      const late = r.chance(0.03);
      weekly.push(['周总结', staff, dt(monday), dt(due + (late ? DAY + 10 * HOUR : r.int(15 * 60, 23 * 60) * MIN)), null, null, null]);
    }
  }
  return { daily, weekly };
}

function makeListings(p: Period): Cell[][] {
  const r = rng(p.seed('listings'));
  const rows: Cell[][] = [];
  for (const day of daysOf(p.month).filter(isWorkingDay)) {
    for (let i = r.int(4, 9); i > 0; i--) {
      const kind = r.chance(0.7) ? '上线' : '更新';
      const notified = day + r.int(9 * 60, 17 * 60) * MIN;
      const special = kind === '上线' && r.chance(0.1);
      const important = kind === '更新' && r.chance(0.2);
      const late = r.chance(0.05);
      const window = special ? 2 * HOUR : kind === '上线' ? dayOf(notified) + 2 * DAY - SEC - notified : important ? 12 * HOUR : 24 * HOUR;
      const done = late ? notified + window + r.int(1, 600) * MIN : notified + Math.floor(window * r.next() * 0.9);
      const product = `${r.pick([...CLOTHES, ...HOME])}（${r.pick(COLORS)}）`;
      rows.push([kind, product, r.pick(EDITORS), dt(notified), dt(done), yes(special), yes(important), null, null]);
    }
  }
  return rows;
}

/** 周会 on the month's working Mondays, 月会 on its last working day. */
function makeMeetings(p: Period): Cell[][] {
  const r = rng(p.seed('meetings'));
  const rows: Cell[][] = [];
  const days = daysOf(p.month).filter(isWorkingDay);
  const meetings: [number, string][] = [
    ...days.filter((d) => new Date(d).getUTCDay() === 1).map((d): [number, string] => [d + 9.5 * HOUR, '周会']),
    [days[days.length - 1] + 16 * HOUR, '月会'],
  ];
  for (const [at, name] of meetings) {
    for (const [staff] of STAFF) {
      const u = r.next();
      rows.push([dt(at), name, staff, u < 0.01 ? null : dt(u < 0.03 ? at + r.int(2, 20) * MIN : at - r.int(1, 15) * MIN), null, null]);
    }
  }
  return rows;
}

const makeIncidents = (p: Period): Cell[][] => [
  [dt(d24(p.month, 8)), '张婷', 'CS-REPLY-1', 1, null, '自动回复擅自删除了运费险说明'],
  [dt(d24(p.month, 14)), '李娜', 'CS-DOCS-1', 1, null, '客人身份证复印件留在工位过夜'],
  [dt(d24(p.month, 16)), '周晓峰', 'ED-3', 2, null, '两款商品价格填错'],
  [dt(d24(p.month, 22)), '黄丽', 'CW-1', 1, null, '618预热文案晚交一天'],
  [dt(d24(p.month, 28)), '韩冬', 'ED-5', 1, 3, '主管交代的详情页改版未按时完成'],
];

// ---------------------------------------------------------------------------------------------------------------
// The month, and the year.

const sheet = (name: string, headers: string[], rows: Iterable<Cell[]>, dates: Record<number, string> = {}, title?: string): SheetOut =>
  ({ name, headers, rows, dates, title });

/** The staff list and the product master: once, for a month or for the year. */
interface Master {
  skus: Sku[];
  skuRows: Cell[][];
  demand: Float64Array;
  staffRows: Cell[][];
}

function makeMaster(scale: number, from: number): Master {
  const { skus, rows: skuRows, weights: demand } = makeSkus(Math.max(50, Math.round(20_000 * scale)), from);
  const staffRows: Cell[][] = STAFF.map(([name, role, sup], i) => [name, role, sup, dt(d24(4, 1) - (400 + i * 37) * DAY), null]);
  return { skus, skuRows, demand, staffRows };
}

/** Where one generation writes, and what it has written. */
class Out {
  readonly logs: Record<string, number> = {};
  /** The workbooks other than the consultations (the CSV folder links to them). */
  readonly others: string[] = [];
  readonly started = Date.now();
  constructor(readonly xlsx: string, readonly csv: string | undefined, readonly log: (s: string) => void) {}
  add(key: string, n: number) {
    this.logs[key] = (this.logs[key] ?? 0) + n;
  }
  async write(file: string, sheets: SheetOut[]) {
    const t0 = Date.now();
    const n = await writeXlsx(join(this.xlsx, file), sheets);
    this.others.push(file);
    this.log(`  ${file}: ${n.toLocaleString('en')} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

async function writeMaster(out: Out, m: Master): Promise<void> {
  await out.write('基础资料.xlsx', [
    sheet('人员名单', ['姓名', '岗位', '直属上级', '入职日期', '离职日期'], m.staffRows, { 3: F_D, 4: F_D }),
    sheet('商品档案', ['货号', '品名', '规格', '成本单价', '警戒库存', '最高库存', '期初库存', '期初日期', '状态'], m.skuRows, { 7: F_D }),
  ]);
  out.add('staff', m.staffRows.length);
  out.add('skus', m.skuRows.length);
}

/**
 * One month's logs. Consultations: one workbook (and CSV, with a CSV folder) per day, days off getting 60% of a
 * working day's contacts. The other logs: one workbook each, named `<log><suffix>.xlsx`. `seen` (each 客服's
 * days, for the 日报) carries the days that belong to the next month over to it.
 */
async function generateMonth(scale: number, p: Period, master: Master, seen: Set<string>, suffix: string, out: Out): Promise<void> {
  const total = Math.round(1_000_000 * scale);
  const days = daysOf(p.month);
  const weights = days.map((d) => (isWorkingDay(d) ? 1 : 0.6));
  const sum = weights.reduce((a, b) => a + b, 0);
  let given = 0;
  for (const [i, day] of days.entries()) {
    const n = i === days.length - 1 ? total - given : Math.round((total * weights[i]) / sum);
    given += n;
    const rows = consultDay(day, n, seen);
    const name = `咨询记录-${ymd(day)}`;
    const [, m, d] = ymd(day).split('-').map(Number);
    await writeXlsx(join(out.xlsx, `${name}.xlsx`), [sheet('咨询记录', CONSULT_HEADERS, rows, CONSULT_DATES, `2024年${m}月${d}日咨询记录`)]);
    if (out.csv) await writeCsv(join(out.csv, `${name}.csv`), CONSULT_HEADERS, rows);
    out.add('consultations', n);
    const secs = (Date.now() - out.started) / 1000;
    const done = out.logs.consultations;
    out.log(`  咨询记录 ${ymd(day)} (${i + 1}/${days.length}): ${done.toLocaleString('en')} rows, ${secs.toFixed(0)} s (${Math.round(done / secs).toLocaleString('en')} rows/s)`);
  }

  const { skus } = master;
  const ship = makeShipments(Math.round(300_000 * scale), skus, cumulative(master.demand), p);
  const returns = makeReturns(Math.round(30_000 * scale), skus, ship.lines, p);
  const inbound = makeInbound(skus, p);
  const counts = makeCounts(skus, p);
  const reports = makeReports(seen, p);
  const small = { presence: makePresence(p), listings: makeListings(p), meetings: makeMeetings(p), incidents: makeIncidents(p) };

  if (!suffix) await writeMaster(out, master); // the month alone: where it always was in the file order
  await out.write(`发货记录${suffix}.xlsx`, [
    sheet('发货记录', ['订单号', '流程完成时间', '发货时间', '货号', '数量', '负责人', '快递公司', '快递单号', '豁免', '豁免原因'],
      ship.rows, { 1: F_DT, 2: F_DT }, p.shipTitle),
  ]);
  await out.write(`退换货登记${suffix}.xlsx`, [
    sheet('退换货', ['订单号', '类型', '货号', '数量', '申请时间', '登记时间', '客服', '入库时间', '商品状态', '退款金额', '原因'],
      returns, { 4: F_DT, 5: F_DT, 7: F_DT }),
  ]);
  await out.write(`入库单${suffix}.xlsx`, [sheet('入库单', ['入库时间', '入库单号', '货号', '数量', '单价', '入库员'], inbound, { 0: F_DT })]);
  await out.write(`盘点表${suffix}.xlsx`, p.counts.map((c, k) =>
    sheet(c.sheet, ['盘点日期', '货号', '库位', '实盘数量', '系统库存', '盘点人', '备注'], counts[k], { 0: c.dateOnly ? F_D : F_DT }, `${c.sheet}盘点表`)));
  await out.write(`离岗记录${suffix}.xlsx`, [sheet('离岗记录', ['客服', '离开时间', '返回时间', '已切换状态', '顶替人', '豁免', '豁免原因'], small.presence, { 1: F_DT, 2: F_DT })]);
  const reportHeaders = ['类型', '提交人', '所属日期', '提交时间', '准确', '豁免', '豁免原因'];
  await out.write(`报表提交${suffix}.xlsx`, [
    sheet('日报', reportHeaders, reports.daily, { 2: F_D, 3: F_DT }),
    sheet('周总结', reportHeaders, reports.weekly, { 2: F_D, 3: F_DT }),
  ]);
  await out.write(`上新记录${suffix}.xlsx`, [sheet('上新记录', ['类型', '产品', '编辑', '通知时间', '完成时间', '特价', '重要', '豁免', '豁免原因'], small.listings, { 3: F_DT, 4: F_DT })]);
  await out.write(`会议签到${suffix}.xlsx`, [sheet('会议签到', ['会议时间', '会议', '姓名', '签到时间', '豁免', '豁免原因'], small.meetings, { 0: F_DT, 3: F_DT })]);
  await out.write(`奖惩登记${suffix}.xlsx`, [sheet('奖惩登记', ['日期', '姓名', '条款', '次数', '扣分', '说明'], small.incidents, { 0: F_D })]);

  out.add('shipments', ship.rows.length);
  out.add('returns', returns.length);
  out.add('inbound', inbound.length);
  out.add('stock_counts', counts.reduce((a, c) => a + c.length, 0));
  out.add('presence', small.presence.length);
  out.add('reports', reports.daily.length + reports.weekly.length);
  out.add('listings', small.listings.length);
  out.add('meetings', small.meetings.length);
  out.add('incidents', small.incidents.length);
}

/** The bench month (May unless told): xlsx/ and csv/ (CSV consultations, links to the other workbooks). */
async function generate(scale: number, month: number, dir: string, log: (s: string) => void): Promise<Record<string, number>> {
  const out = new Out(join(dir, 'xlsx'), join(dir, 'csv'), log);
  await mkdir(out.xlsx, { recursive: true });
  await mkdir(out.csv!, { recursive: true });
  const p = monthAlone(month);
  await generateMonth(scale, p, makeMaster(scale, p.from), new Set(), '', out);
  for (const f of out.others) await symlink(join('..', 'xlsx', f), join(out.csv!, f));
  return out.logs;
}

/**
 * The year 2024: twelve months of the year (monthOfYear) in one folder, the staff list and product master once;
 * the stock carried from each month's last count to the next month's. Workbooks only (no CSV).
 */
async function generateYear(scale: number, dir: string, log: (s: string) => void): Promise<Record<string, number>> {
  const out = new Out(join(dir, 'xlsx'), undefined, log);
  await mkdir(out.xlsx, { recursive: true });
  const master = makeMaster(scale, monthOfYear(1).from);
  const seen = new Set<string>();
  for (let month = 1; month <= 12; month++) await generateMonth(scale, monthOfYear(month), master, seen, `-2024-${pad(month)}`, out);
  await writeMaster(out, master);
  return out.logs;
}

/** A folder of generated data, reused when complete (its manifest written last) and of this generator version. */
async function ensure<M extends { version: number }>(
  dir: string,
  make: (partial: string) => Promise<Record<string, number>>,
  manifestOf: (logs: Record<string, number>, seconds: number) => M,
  log: (s: string) => void,
): Promise<M> {
  const manifestPath = join(dir, 'manifest.json');
  const existing = await readFile(manifestPath, 'utf8').then((t) => JSON.parse(t) as M, () => undefined);
  if (existing?.version === GENERATOR_VERSION) return existing;
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
  log(`generating ${dir}`);
  const t0 = Date.now();
  const logs = await make(partial);
  await rename(partial, dir);
  const manifest = manifestOf(logs, Math.round((Date.now() - t0) / 100) / 10);
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  const rows = Object.values(logs).reduce((a, b) => a + b, 0);
  log(`generated ${dir}: ${rows.toLocaleString('en')} rows in ${Math.round((Date.now() - t0) / 100) / 10} s`);
  return manifest;
}

const stderrLog = (s: string) => process.stderr.write(`${s}\n`);
const sumRows = (logs: Record<string, number>) => Object.values(logs).reduce((a, b) => a + b, 0);

/** The data of one scale: the bench month, May 2024 unless `month` (1–12) says otherwise. */
export async function ensureData(scale: number, log: (s: string) => void = stderrLog, month = 5): Promise<Manifest> {
  const dir = join(BENCH_ROOT, `g${GENERATOR_VERSION}-s${scale}${month === 5 ? '' : `-m${pad(month)}`}`);
  return ensure(dir, (partial) => generate(scale, month, partial, log), (logs, generatedSeconds): Manifest => ({
    version: GENERATOR_VERSION,
    scale,
    xlsxDir: join(dir, 'xlsx'),
    csvDir: join(dir, 'csv'),
    logs,
    totalRows: sumRows(logs),
    generatedSeconds,
  }), log);
}

/** The year 2024 at a scale (each month the bench month's size): one folder of workbooks. */
export type YearManifest = Omit<Manifest, 'csvDir'> & { year: number };

export async function ensureYear(scale: number, log: (s: string) => void = stderrLog): Promise<YearManifest> {
  const dir = join(BENCH_ROOT, `y${GENERATOR_VERSION}-s${scale}`);
  return ensure(dir, (partial) => generateYear(scale, partial, log), (logs, generatedSeconds): YearManifest => ({
    version: GENERATOR_VERSION,
    year: 2024,
    scale,
    xlsxDir: join(dir, 'xlsx'),
    logs,
    totalRows: sumRows(logs),
    generatedSeconds,
  }), log);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, month: { type: 'string', default: '5' }, year: { type: 'boolean' } } });
  const m = values.year ? await ensureYear(Number(values.scale)) : await ensureData(Number(values.scale), undefined, Number(values.month));
  console.log(JSON.stringify(m, null, 2));
}
