/**
 * The sign's QR code (arts. 13, 21, 24): the URL of the sign's public page, <public base URL>/s/<CODE>,
 * as SVG, PNG, or the module matrix the printed sign draws as vector squares. Error correction M: a
 * sign survives some dirt and glare, and the short URL stays a small version.
 */
import QRCode from 'qrcode';

const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 4 };

/** The QR's dark modules, row by row (true = dark), without the quiet zone. */
export function qrModules(url: string): boolean[][] {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel });
  const rows: boolean[][] = [];
  for (let y = 0; y < modules.size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < modules.size; x++) row.push(Boolean(modules.get(y, x)));
    rows.push(row);
  }
  return rows;
}

export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

/** A PNG with `scale` pixels per module and a quiet zone of 4 modules. */
export async function qrPng(url: string, scale = 8): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: 'png', scale });
}

export const QR_QUIET_ZONE = OPTIONS.margin;
