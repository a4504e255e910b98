/** The department's twelve logs (docs/inputs.md#logs): one declaration each drives matching, coercion, templates and docs. */
import { endOfDay, formatWall, startOfDay } from '../core/time.js';
import { bool, date, datetime, int, name, number, oneOf, ruleCode, text } from './columns.js';
import { defineLog, exemptColumns, type Columns, type RecordOf, type RowProblem } from './define.js';

const ROLES = {
  客服: [], 客服主管: [], 在线编辑: ['编辑'], 文案: [], 美工: [], 负责人: [], 运营: [], 推广: [],
  仓库主管: [], 入库员: [], 打单员: [], 配货员: [], 打包员: [], 财务: [], 其他: [],
};

const staff = defineLog({
  key: 'staff',
  name: { zh: '人员名单', en: 'Staff' },
  columns: {
    name: name({ header: '姓名', aliases: ['员工', '人员'], required: true }),
    role: oneOf({ header: '岗位', aliases: ['职位'], values: ROLES, required: true }),
    supervisor: name({ header: '直属上级', aliases: ['上级'] }),
    active_from: date({ header: '入职日期' }),
    active_to: date({ header: '离职日期' }),
  },
});

/** A problem on a column, for row checks. */
const problem = (column: string, code: RowProblem['code'], severity: RowProblem['severity'], zh: string, en: string): RowProblem => ({
  column,
  code,
  severity,
  message: { zh, en },
});

/** A time that may stand for a date alone: 00:00:00 (an event) or 23:59:59 (a duty done that day). */
const mayBeDateAlone = (t: number) => t === startOfDay(t) || t === endOfDay(t);

/**
 * `later` must not be before `earlier` (order-error). Where either may be a date alone, only the days are
 * compared: a reply dated 2024-05-06 is not before a chat received that day at 14:00.
 */
function ordered(
  report: (p: RowProblem) => void,
  later: { key: string; t: number | undefined; zh: string; en: string },
  earlier: { key: string; t: number | undefined; zh: string; en: string },
) {
  if (later.t === undefined || earlier.t === undefined) return;
  const inverted = mayBeDateAlone(later.t) || mayBeDateAlone(earlier.t) ? startOfDay(later.t) < startOfDay(earlier.t) : later.t < earlier.t;
  if (inverted) {
    report(
      problem(later.key, 'order-error', 'error',
        `${later.zh} ${formatWall(later.t)} 早于${earlier.zh} ${formatWall(earlier.t)}`,
        `${later.en} ${formatWall(later.t)} is before ${earlier.en} ${formatWall(earlier.t)}`),
    );
  }
}

const consultations = defineLog({
  key: 'consultations',
  name: { zh: '咨询记录', en: 'Consultations' },
  columns: {
    received_at: datetime({ header: '咨询时间', aliases: ['接入时间', '来电时间', '留言时间'], required: true }),
    staff: name({ header: '客服', aliases: ['接待客服', '处理人'], required: true }),
    channel: oneOf({ header: '渠道', aliases: ['咨询渠道'], values: { 旺旺: ['千牛', '在线', '聊天', 'chat'], 电话: ['phone'], 留言: ['message'] }, required: true }),
    customer: text({ header: '客户', aliases: ['买家', '买家昵称', '客户ID'], identifier: true }),
    first_reply_at: datetime({ header: '首次回复时间', dateOnly: 'end', aliases: ['首响时间'], note: { zh: '旺旺：此列或首次响应秒数必填', en: 'chat: this or first_reply_seconds' } }),
    first_reply_seconds: number({ header: '首次响应秒数', aliases: ['首响时长', '首次响应时长'], min: 0, note: { zh: '旺旺：此列或首次回复时间必填', en: 'chat: this or first_reply_at' } }),
    answered: bool({ header: '是否接听', aliases: ['接听'], fallback: true }),
    rings: int({ header: '响铃次数', aliases: ['响铃数'], min: 0, note: { zh: '电话接听时必填', en: 'phone, when answered' } }),
    handled_at: datetime({ header: '处理完成时间', dateOnly: 'end', aliases: ['处理时间', '完成时间'] }),
    note: text({ header: '批注', aliases: ['处理批注'] }),
    needs_follow_up: bool({ header: '需回访', aliases: ['意向客户'], fallback: false }),
    follow_up_at: datetime({ header: '回访时间', dateOnly: 'end' }),
    rating: oneOf({ header: '评价', aliases: ['评价等级'], values: { 好评: [], 中评: [], 差评: [] } }),
    review_text: text({ header: '评价内容', aliases: ['评语'] }),
    ...exemptColumns,
  },
  check(r, report) {
    if (r.channel === '电话' && r.answered && r.rings === undefined) {
      report(problem('rings', 'required-value', 'error', '已接听的电话须填响铃次数', 'an answered call needs rings'));
    }
    ordered(report, { key: 'first_reply_at', t: r.first_reply_at, zh: '首次回复时间', en: 'first reply' }, { key: 'received_at', t: r.received_at, zh: '咨询时间', en: 'received' });
    ordered(report, { key: 'follow_up_at', t: r.follow_up_at, zh: '回访时间', en: 'follow-up' }, { key: 'received_at', t: r.received_at, zh: '咨询时间', en: 'received' });
  },
});

const presence = defineLog({
  key: 'presence',
  name: { zh: '离岗记录', en: 'Away from desk' },
  columns: {
    staff: name({ header: '客服', aliases: ['姓名'], required: true }),
    left_at: datetime({ header: '离开时间', required: true }),
    back_at: datetime({ header: '返回时间', required: true }),
    status_switched: bool({ header: '已切换状态', aliases: ['状态已改'], fallback: false }),
    cover: name({ header: '顶替人', aliases: ['暂替人', '代班人'] }),
    ...exemptColumns,
  },
  check(r, report) {
    ordered(report, { key: 'back_at', t: r.back_at, zh: '返回时间', en: 'back_at' }, { key: 'left_at', t: r.left_at, zh: '离开时间', en: 'left_at' });
  },
});

const reports = defineLog({
  key: 'reports',
  name: { zh: '报表提交', en: 'Reports' },
  columns: {
    kind: oneOf({ header: '类型', values: { 日报: [], 周总结: ['周报'] }, required: true }),
    staff: name({ header: '提交人', aliases: ['姓名'], required: true }),
    period: date({ header: '所属日期', aliases: ['报表日期'], required: true }),
    submitted_at: datetime({ header: '提交时间', dateOnly: 'end', aliases: ['发送时间'] }),
    accurate: bool({ header: '准确', aliases: ['核对结果'], fallback: true }),
    ...exemptColumns,
  },
});

const shipments = defineLog({
  key: 'shipments',
  name: { zh: '发货记录', en: 'Shipments' },
  columns: {
    order_id: text({ header: '订单号', aliases: ['订单编号'], required: true, identifier: true }),
    completed_at: datetime({ header: '流程完成时间', aliases: ['付款时间', '审单时间'], required: true }),
    shipped_at: datetime({ header: '发货时间', dateOnly: 'end' }),
    sku: text({ header: '货号', aliases: ['商家编码', '商品编码'], required: true, identifier: true }),
    qty: int({ header: '数量', aliases: ['发货数量'], positive: true, required: true }),
    staff: name({ header: '负责人', aliases: ['处理人', '客服'], required: true }),
    carrier: text({ header: '快递公司' }),
    tracking_no: text({ header: '快递单号', aliases: ['运单号'], identifier: true }),
    ...exemptColumns,
  },
  check(r, report) {
    ordered(report, { key: 'shipped_at', t: r.shipped_at, zh: '发货时间', en: 'shipped_at' }, { key: 'completed_at', t: r.completed_at, zh: '流程完成时间', en: 'completed_at' });
    if (r.shipped_at !== undefined && !r.tracking_no) {
      report(problem('tracking_no', 'required-value', 'warning', '已发货但没有快递单号', 'shipped without a tracking number'));
    }
  },
});

const returns = defineLog({
  key: 'returns',
  name: { zh: '退换货登记', en: 'Returns' },
  columns: {
    order_id: text({ header: '订单号', required: true, identifier: true }),
    type: oneOf({ header: '类型', aliases: ['售后类型'], values: { 退货: [], 换货: [], 退款: ['仅退款'] }, required: true }),
    sku: text({ header: '货号', identifier: true, note: { zh: '退款以外必填', en: 'required unless 退款' } }),
    qty: int({ header: '数量', positive: true, note: { zh: '退款以外必填', en: 'required unless 退款' } }),
    requested_at: datetime({ header: '申请时间', aliases: ['受理时间'], required: true }),
    registered_at: datetime({ header: '登记时间', dateOnly: 'end' }),
    staff: name({ header: '客服', aliases: ['处理人'], required: true }),
    received_at: datetime({ header: '入库时间', aliases: ['退回入库时间'] }),
    condition: oneOf({ header: '商品状态', aliases: ['货品状态'], values: { 完好: [], 破损: ['损坏'] }, fallback: '完好' }),
    refund_amount: number({ header: '退款金额', min: 0 }),
    reason: text({ header: '原因', aliases: ['退货原因'] }),
    ...exemptColumns,
  },
  check(r, report) {
    if (r.type !== '退款') {
      if (!r.sku) report(problem('sku', 'required-value', 'error', `${r.type}须填货号`, `${r.type} needs a sku`));
      if (r.qty === undefined) report(problem('qty', 'required-value', 'error', `${r.type}须填数量`, `${r.type} needs a qty`));
    }
  },
});

const inbound = defineLog({
  key: 'inbound',
  name: { zh: '入库单', en: 'Inbound' },
  columns: {
    received_at: datetime({ header: '入库时间', aliases: ['入库日期'], required: true }),
    receipt_no: text({ header: '入库单号', identifier: true }),
    sku: text({ header: '货号', required: true, identifier: true }),
    qty: int({ header: '数量', aliases: ['入库数量'], positive: true, required: true }),
    unit_cost: number({ header: '单价', aliases: ['进价'], min: 0 }),
    staff: name({ header: '入库员' }),
  },
});

const stock_counts = defineLog({
  key: 'stock_counts',
  name: { zh: '盘点表', en: 'Stock counts' },
  columns: {
    counted_at: datetime({ header: '盘点日期', aliases: ['盘点时间'], required: true, dateOnly: 'end' }),
    sku: text({ header: '货号', required: true, identifier: true }),
    location: text({ header: '库位' }),
    counted_qty: int({ header: '实盘数量', aliases: ['盘点数量', '实存数量'], min: 0, required: true }),
    system_qty: int({ header: '系统库存', aliases: ['店铺库存'], min: 0 }),
    counter: name({ header: '盘点人' }),
    note: text({ header: '备注' }),
  },
});

const skus = defineLog({
  key: 'skus',
  name: { zh: '商品档案', en: 'Products' },
  columns: {
    sku: text({ header: '货号', aliases: ['商家编码'], required: true, identifier: true }),
    name: text({ header: '品名', aliases: ['商品名称'], required: true }),
    spec: text({ header: '规格', aliases: ['颜色尺码'] }),
    unit_cost: number({ header: '成本单价', aliases: ['单位成本', '成本价'], min: 0, required: true }),
    safety_stock: int({ header: '警戒库存', aliases: ['安全库存'], min: 0, fallback: 0 }),
    max_stock: int({ header: '最高库存', min: 0 }),
    opening_qty: int({ header: '期初库存', aliases: ['期初数量'], min: 0, required: true }),
    opening_date: date({ header: '期初日期', required: true }),
    status: oneOf({ header: '状态', values: { 在售: ['上架'], 过季: [], 下架: [] }, fallback: '在售' }),
  },
  check(r, report) {
    if (Math.abs(r.unit_cost * 10_000 - Math.round(r.unit_cost * 10_000)) > 1e-6) {
      report(problem('unit_cost', 'constraint-error', 'warning', `成本单价 ${r.unit_cost} 超过 4 位小数，按 4 位计算`, `unit cost ${r.unit_cost} has more than 4 decimals; 4 are used`));
    }
  },
});

const listings = defineLog({
  key: 'listings',
  name: { zh: '上新记录', en: 'Listings' },
  columns: {
    kind: oneOf({ header: '类型', values: { 上线: ['上新'], 更新: [] }, required: true }),
    product: text({ header: '产品', aliases: ['商品', '货号'], required: true }),
    editor: name({ header: '编辑', aliases: ['负责人'], required: true }),
    notified_at: datetime({ header: '通知时间', required: true }),
    done_at: datetime({ header: '完成时间', dateOnly: 'end', aliases: ['上线时间', '更新时间'] }),
    special: bool({ header: '特价', fallback: false }),
    important: bool({ header: '重要', fallback: false }),
    ...exemptColumns,
  },
  check(r, report) {
    ordered(report, { key: 'done_at', t: r.done_at, zh: '完成时间', en: 'done_at' }, { key: 'notified_at', t: r.notified_at, zh: '通知时间', en: 'notified_at' });
  },
});

const meetings = defineLog({
  key: 'meetings',
  name: { zh: '会议签到', en: 'Meetings' },
  columns: {
    meeting_at: datetime({ header: '会议时间', required: true }),
    meeting: text({ header: '会议', aliases: ['会议名称'] }),
    staff: name({ header: '姓名', aliases: ['参会人'], required: true }),
    signed_at: datetime({ header: '签到时间', dateOnly: 'end' }),
    ...exemptColumns,
  },
});

const incidents = defineLog({
  key: 'incidents',
  name: { zh: '奖惩登记', en: 'Incidents' },
  columns: {
    date: date({ header: '日期', required: true }),
    staff: name({ header: '姓名', required: true }),
    rule: ruleCode({ header: '条款', aliases: ['条款编号'], required: true }),
    count: int({ header: '次数', min: 1, fallback: 1 }),
    points: number({ header: '扣分', min: 0 }),
    note: text({ header: '说明', required: true }),
  },
});

/** All logs, in the order they are listed to users. */
export const LOGS = {
  staff, consultations, presence, reports, shipments, returns, inbound, stock_counts, skus, listings, meetings, incidents,
};

export type Logs = typeof LOGS;
export type LogKey = keyof Logs;
export const LOG_KEYS = Object.keys(LOGS) as LogKey[];

export type StaffRecord = RecordOf<Logs['staff']['columns']>;
export type Consultation = RecordOf<Logs['consultations']['columns']>;
export type Presence = RecordOf<Logs['presence']['columns']>;
export type Report = RecordOf<Logs['reports']['columns']>;
export type Shipment = RecordOf<Logs['shipments']['columns']>;
export type Return = RecordOf<Logs['returns']['columns']>;
export type Inbound = RecordOf<Logs['inbound']['columns']>;
export type StockCount = RecordOf<Logs['stock_counts']['columns']>;
export type Sku = RecordOf<Logs['skus']['columns']>;
export type Listing = RecordOf<Logs['listings']['columns']>;
export type Meeting = RecordOf<Logs['meetings']['columns']>;
export type Incident = RecordOf<Logs['incidents']['columns']>;

/** The typed records of every log. */
export type Records = { [K in LogKey]: RecordOf<Logs[K]['columns']>[] };

/** Records with every log empty. */
export const emptyRecords = (): Records => Object.fromEntries(LOG_KEYS.map((k) => [k, []])) as unknown as Records;

/** A log's columns, typed loosely for code that works on any log. */
export function columnsOf(log: LogKey): Columns {
  return LOGS[log].columns;
}
