/**
 * The forwarding letter (公众举报转交函) a unit hands to the county public security organ with a public
 * report (art. 24 ¶2): one bilingual A4 page with the report, its photos' SHA-256, the handling so far,
 * the reporter only as far as they agreed, and signature lines for hand delivery.
 */
import { openChineseDocument } from '../../filing-pdf/document.ts';
import { FONT_BOLD, FONT_REGULAR, row, type Grid } from '../../filing-pdf/table.ts';
import { formatLegalInstant } from '../../shared/legal-time.ts';
import { ACTION_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, VIOLATION_LABELS } from './labels.ts';
import type { Forwarding, ReportPhoto, ReportStep, ViolationType } from './model.ts';
import type { SiteFacts } from './site-facts.ts';
import type { PublicReportsTable } from './tables.ts';

const MARGIN = 42;
const TITLE = '公众举报转交函 / Forwarding of a public report';
const time = (iso: string | null): string => (iso ? formatLegalInstant(iso).replace('T', ' ').slice(0, 16) : '—');
/** One page whatever was typed: long texts are cut here (the whole text stays in Custos). */
const clip = (text: string, max: number, more = '…(全文见系统 / full text in Custos)'): string => (text.length > max ? `${text.slice(0, max)}${more}` : text);

export interface LetterInput {
  report: PublicReportsTable;
  photos: ReportPhoto[];
  steps: ReportStep[];
  forwarding: Forwarding;
  site: SiteFacts;
}

function reporterText(report: PublicReportsTable): string {
  if (report.anonymous === 1) return '匿名举报 / anonymous';
  if (report.contactToPolice !== 1) return '举报人留有联系方式,未同意向公安机关提供 / contact given to the unit only (not agreed to pass on)';
  return [report.contactName, report.contactPhone, report.contactEmail].filter(Boolean).join(',');
}

export async function renderForwardingLetter(input: LetterInput, generatedAt: Date): Promise<Buffer> {
  const { report, photos, steps, forwarding, site } = input;
  const type = report.violationType as ViolationType;
  const { doc, done } = openChineseDocument({ margin: MARGIN, info: { Title: TITLE, Subject: report.reference, CreationDate: generatedAt } });
  const width = doc.page.width - 2 * MARGIN;
  // Room kept below the table for the art. 8 ¶2 notice, the signature lines and the footer.
  const grid: Grid = { x: MARGIN, columns: [128, width - 128], top: MARGIN, bottom: doc.page.height - MARGIN - 92 };

  doc.font(FONT_BOLD).fontSize(16).text('公众举报转交函', MARGIN, MARGIN, { width, align: 'center' });
  doc.font(FONT_BOLD).fontSize(11).text('Forwarding of a public report', { width, align: 'center' });
  doc
    .font(FONT_REGULAR)
    .fontSize(8)
    .fillColor('#333333')
    .text('依据《公共安全视频图像信息系统管理条例》第二十四条第二款 / Under art. 24 ¶2 of the Regulation on Public Security Video Image Information Systems', { width, align: 'center' })
    .fillColor('#000000');
  doc
    .font(FONT_REGULAR)
    .fontSize(9.5)
    .text(
      `${clip(forwarding.authority, 60, '…')}:本单位经公共视频标识二维码收到公众举报一件,现依法转交贵机关处理。 / To the organ named: the unit below received this report from the public through the QR code of its sign and forwards it to you.`,
      MARGIN,
      doc.y + 8,
      { width },
    );

  const fields: [string, string][] = [
    ['举报编号 / Reference', report.reference],
    ['转交单位 / From', clip(`${site.unitName}\n${site.name},${site.address}(${site.adminDivisionCode})`, 160, '…')],
    ['举报类型 / Type', `${VIOLATION_LABELS[type].zh}\n${VIOLATION_LABELS[type].en}`],
    ['发现位置 / Where', clip(report.location, 60) + (report.cameraDescription ? `\n设备 / device: ${clip(report.cameraDescription, 40)}` : '')],
    ['发现时间 / Seen', time(report.seenAt)],
    ['收到时间 / Received', time(report.receivedAt)],
    ['举报内容 / Description', clip(report.description, 140)],
    ['照片 / Photos (SHA-256)', photos.filter((p) => p.kind === 'REPORT').map((p) => p.sha256).join('\n') || '无 / none'],
    ['举报人 / Reporter', clip(reporterText(report), 80, '…')],
    ['处理经过 / Handling', steps.slice(-4).map((s) => `${time(s.at)} ${ACTION_LABELS[s.action]}${s.outcome ? `(${OUTCOME_LABELS[s.outcome]})` : ''} ${s.actorName}${s.note ? `:${clip(s.note, 30, '…')}` : ''}`).join('\n')],
    ['转交方式 / Channel', CHANNEL_LABELS[forwarding.channel]],
    ['转交人 / Forwarded by', `${forwarding.forwardedByName},${time(forwarding.forwardedAt)}`],
  ];
  let y = doc.y + 8;
  for (const [label, text] of fields) y = row(doc, grid, y, [{ text: label, label: true, size: 8 }, { text, size: 8 }]);

  // Below the table nothing may start a page of its own (the table keeps room for this).
  doc.page.margins.bottom = 0;
  if (type === 'ART8_1') {
    doc
      .font(FONT_BOLD)
      .fontSize(8.5)
      .fillColor('#b00000')
      .text('第八条第二款:在禁止区域发现图像采集设备的,应当立即报告所在地公安机关处理。 / Art. 8 ¶2: a device found in a prohibited area must be reported to the local public security organ immediately.', MARGIN, y + 6, { width })
      .fillColor('#000000');
    y = doc.y;
  }
  doc.font(FONT_REGULAR).fontSize(10.5);
  doc.text('转交人签字 / Handed over by:________________', MARGIN, y + 16);
  doc.text('接收民警签字 / Received by:________________', MARGIN + width / 2, y + 16);
  doc.text('日期 / Date:______年____月____日', MARGIN, y + 40);
  doc.text('(公章 / seal)', MARGIN + width / 2, y + 40);
  doc.font(FONT_REGULAR).fontSize(7).fillColor('#555555').text(`由 Custos 生成于 / generated by Custos at ${formatLegalInstant(generatedAt)}`, MARGIN, doc.page.height - MARGIN - 10, { width, lineBreak: false });
  doc.end();
  return done;
}
