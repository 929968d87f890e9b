/**
 * The "report back to the organ" (整改情况报告): what a unit hands the public security organ when it has
 * corrected: the order, each required item with the note of what was done, when and by whom, and the
 * SHA-256 of each piece of evidence, so the organ can check the files it is given are the ones recorded.
 */
import { openChineseDocument } from '../filing-pdf/document.ts';
import { heading, row, type Grid } from '../filing-pdf/table.ts';
import { formatLegalInstant } from '../shared/legal-time.ts';
import { BREACHED_ARTICLE } from './model.ts';
import type { OrderView } from './view.ts';

const MARGIN = 48;
const WIDTH = 595.28 - 2 * MARGIN;
const BOTTOM = 841.89 - MARGIN;

export interface ReportBackContext {
  unitName: string;
  siteNames: string[];
  /** When the report is printed. */
  at: Date;
}

const when = (iso: string | null) => (iso ? formatLegalInstant(iso).replace('T', ' ').slice(0, 16) : '—');

export async function renderReportBack(order: OrderView, context: ReportBackContext): Promise<Buffer> {
  const { doc, done } = openChineseDocument({ margin: MARGIN, info: { Title: `整改情况报告 ${order.reference}`, Subject: 'Corrective order: report back', CreationDate: context.at } });
  const wide: Grid = { x: MARGIN, columns: [WIDTH * 0.25, WIDTH * 0.75], top: MARGIN, bottom: BOTTOM };
  let y = MARGIN;
  y = row(doc, wide, y, [{ text: '整改情况报告 / Report on correction', span: 2, bold: true, size: 15, align: 'center' }]);
  const field = (label: string, value: string) => {
    y = row(doc, wide, y, [{ text: label, label: true }, { text: value }]);
  };
  field('文书编号 Reference', order.reference);
  field('发文机关 Issuing organ', order.issuingOrgan);
  field('发出日期 Date of issue', order.issuedOn);
  field('依据 Articles', order.articles.map((a) => `第${a}条(违反第${BREACHED_ARTICLE[a]}条)`).join(';'));
  field('改正期限 Due date', `${order.dueDate}${order.limitDays === null ? '' : `(${order.limitDays} 日)`}`);
  field('管理单位 Unit', context.unitName);
  field('涉及系统 Sites', context.siteNames.join('、'));
  field('状态 Status', order.status === 'CLOSED' ? `已整改完毕 ${when(order.closedAt)}${order.closedLate ? '(逾期 late)' : ''}` : `整改中 open(${order.items.filter((i) => i.status === 'CLOSED').length}/${order.items.length})`);
  if (order.scan) field('通知扫描件 SHA-256', `${order.scan.fileName}\n${order.scan.sha256}`);

  for (const item of order.items) {
    y = heading(doc, wide, y, `第 ${item.position} 项 / Item ${item.position}`);
    field('整改要求 Required', item.text);
    if (item.dueDate) field('本项期限 Due', item.dueDate);
    if (item.assignee) field('负责人 Assignee', item.assignee);
    if (item.findings.length > 0) field('关联发现 Findings', item.findings.map((f) => `${f.ruleId} ${f.code} (${f.subject.type} ${f.subject.id})`).join('\n'));
    if (item.tasks.length > 0) field('关联任务 Tasks', item.tasks.map((t) => (t.kind === 'TEXT' ? t.text : `${t.kind} ${t.id}`)).join('\n'));
    field('整改情况 Done', item.status === 'CLOSED' ? `${item.evidenceNote ?? ''}\n${when(item.closedAt)} ${item.closedBy ?? ''}` : '未完成 not yet closed');
    for (const e of item.evidence) field('证明材料 Evidence', `${e.fileName} (${e.bytes} B)\nSHA-256 ${e.sha256}`);
  }
  y = row(doc, wide, y + 12, [{ text: `生成于 Printed ${when(context.at.toISOString())} · Custos`, span: 2, size: 8, align: 'right' }]);
  doc.end();
  return done;
}
