/**
 * The printable sign (art. 13 显著的提示标识), A4 or A5, Chinese and English: the statutory notice, the
 * managing unit, the purpose, how long footage is kept, the filing number once filed and the county public
 * security organ, and the QR of the sign's public page with its short URL printed under it for typing,
 * with a line saying what the page lets a person do (art. 21 viewing, art. 24 report).
 */
import { openChineseDocument, type PdfDoc } from '../filing-pdf/document.ts';
import { FONT_BOLD, FONT_REGULAR } from '../filing-pdf/table.ts';
import type { PublicSignInfo } from '../public/api-schema.ts';
import { qrModules } from './qr.ts';

export type SignSize = 'A4' | 'A5';

const WIDTH: Record<SignSize, number> = { A4: 595.28, A5: 419.53 };
const ACCENT = '#0b57d0';

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function drawQr(doc: PdfDoc, url: string, x: number, y: number, side: number): void {
  const modules = qrModules(url);
  const cell = side / modules.length;
  doc.save().fillColor('#000000');
  modules.forEach((row, r) => row.forEach((dark, c) => dark && doc.rect(x + c * cell, y + r * cell, cell + 0.05, cell + 0.05).fill()));
  doc.restore();
}

/** A labelled line: the Chinese label and value, then the English under it, smaller. */
function fact(doc: PdfDoc, s: number, left: number, width: number, zh: string, en: string): void {
  doc.font(FONT_BOLD).fontSize(13 * s).fillColor('#000000').text(zh, left, undefined, { width });
  doc.font(FONT_REGULAR).fontSize(9.5 * s).fillColor('#333333').text(en, left, undefined, { width });
  doc.moveDown(0.45);
}

export async function renderSignPdf(info: PublicSignInfo, url: string, size: SignSize, now: Date): Promise<Buffer> {
  const s = WIDTH[size] / WIDTH.A4;
  const margin = 36 * s;
  const { doc, done } = openChineseDocument({ margin, size, info: { Title: `视频监控提示标识 / CCTV sign: ${info.site.name}`, Subject: info.unit.name ?? info.site.name, CreationDate: now } });
  const pageWidth = WIDTH[size];
  const width = pageWidth - 2 * margin;

  // The band: the notice itself (art. 13), readable from afar.
  doc.rect(margin, margin, width, 118 * s).fill(ACCENT);
  doc.font(FONT_BOLD).fontSize(44 * s).fillColor('#ffffff').text('视频监控区域', margin, margin + 14 * s, { width, align: 'center' });
  doc.font(FONT_BOLD).fontSize(24 * s).fillColor('#ffffff').text('CCTV in operation', margin, margin + 72 * s, { width, align: 'center' });
  doc.y = margin + 130 * s;
  doc.font(FONT_REGULAR).fontSize(9 * s).fillColor('#333333').text('依据《公共安全视频图像信息系统管理条例》第十三条设置 · Sign under art. 13 of the Regulations on Public Security Video Image Information Systems', margin, undefined, { width, align: 'center' });
  doc.moveDown(0.8);

  const left = margin + 6 * s;
  const textWidth = width - 12 * s;
  if (info.unit.name) fact(doc, s, left, textWidth, `管理单位:${clip(info.unit.name, 60)}`, `Managing unit: ${clip(info.unit.name, 80)}`);
  else fact(doc, s, left, textWidth, '管理单位:本场所经营者', 'Managing unit: the operator of this site');
  fact(doc, s, left, textWidth, `场所:${clip(info.site.name, 60)}`, `Site: ${clip(info.site.name, 80)}`);
  const purpose = info.purposes.length > 0 ? clip(info.purposes.join(';'), 140) : '维护公共安全';
  fact(doc, s, left, textWidth, `用途:${purpose}`, info.purposes.length > 0 ? 'Purpose: as stated by the unit (above)' : 'Purpose: public security');
  fact(
    doc,
    s,
    left,
    textWidth,
    `视频图像保存期限:${info.retention.days} 日${info.audio ? ';部分设备同时采集声音' : ''}`,
    `Footage is kept for ${info.retention.days} days${info.audio ? '; some devices also record sound' : ''}`,
  );
  if (info.filing.status === 'FILED' && info.filing.receiptNo) {
    const authority = info.filing.authority ?? '';
    fact(doc, s, left, textWidth, `备案编号:${info.filing.receiptNo}${authority ? `(${authority})` : ''}`, `Filing no. ${info.filing.receiptNo}${authority ? `, filed with ${authority}` : ''}`);
  } else if (info.filing.status === 'NOT_REQUIRED') {
    fact(doc, s, left, textWidth, '依《条例》第九条第二款无需备案', 'No filing required (art. 9 ¶2)');
  } else if (info.filing.authority) {
    fact(doc, s, left, textWidth, `备案机关:${info.filing.authority}`, `Filing authority: ${info.filing.authority}`);
  }

  // The QR and its short URL, centred in what is left of the page.
  const qrSide = Math.min(240 * s, doc.page.height - margin - doc.y - 92 * s);
  const qrX = (pageWidth - qrSide) / 2;
  const qrY = doc.y + 4 * s;
  drawQr(doc, url, qrX, qrY, qrSide);
  doc.y = qrY + qrSide + 6 * s;
  doc.font(FONT_BOLD).fontSize(12 * s).fillColor('#000000').text(url, margin, undefined, { width, align: 'center' });
  doc.moveDown(0.4);
  doc.font(FONT_REGULAR).fontSize(10 * s).fillColor('#000000').text('扫码了解本场所视频监控信息;可申请查阅本人视频图像(第二十一条),或举报不应设置的摄像头(第二十四条)。', margin, undefined, { width, align: 'center' });
  doc.font(FONT_REGULAR).fontSize(9 * s).fillColor('#333333').text('Scan to learn about these cameras; ask to view footage of yourself (art. 21) or report a camera that should not be here (art. 24).', margin, undefined, { width, align: 'center' });
  doc.end();
  return done;
}
