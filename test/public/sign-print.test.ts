/**
 * The sign's QR and printable sign (art. 13): the QR encodes <server.publicUrl>/s/<CODE> (the code issued
 * once and kept), read back from the PNG module by module; the printed A4/A5 sign carries the notice, the
 * unit, retention, the filing number and county organ, and the short URL, read with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { AUTHORITY, RECEIPT_NO, seedSignedSite, type SignedSite } from './public-support.ts';

const PUBLIC_URL = 'https://cctv.example.cn';

/** The dark modules of a QR PNG (scale px per module, quiet zone of 4 modules), sampled at each module's centre. */
function modulesOf(png: Buffer, size: number): boolean[][] {
  const image = PNG.sync.read(png);
  const scale = image.width / (size + 8);
  const rows: boolean[][] = [];
  for (let y = 0; y < size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < size; x++) {
      const px = Math.floor((x + 4 + 0.5) * scale);
      const py = Math.floor((y + 4 + 0.5) * scale);
      row.push(image.data[(py * image.width + px) * 4]! < 128);
    }
    rows.push(row);
  }
  return rows;
}

function expected(url: string): boolean[][] {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, y) => Array.from({ length: modules.size }, (_, x) => Boolean(modules.get(y, x))));
}

function pdfText(pdf: Buffer): { text: string; info: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'custos-sign-'));
  try {
    const file = path.join(dir, 'sign.pdf');
    writeFileSync(file, pdf);
    return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(DIALECTS)('the sign’s QR and printable sign on %s', (dialect) => {
  let t: TestApp;
  let s: SignedSite;

  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z', env: { CUSTOS_SERVER_PUBLIC_URL: `${PUBLIC_URL}/` } });
    s = await seedSignedSite(t);
  });
  afterEach(async () => t.close());

  it('the QR decodes, module by module, to <server.publicUrl>/s/<CODE>, and the code stays the same', async () => {
    expect(s.url).toBe(`${PUBLIC_URL}/s/${s.code}`);
    const png = await t.call('GET', `/api/signs/${s.signId}/qr.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['x-sign-url']).toBe(s.url);
    const want = expected(s.url);
    expect(modulesOf(png.rawPayload, want.length)).toEqual(want);
    // Another URL gives other modules: the comparison can fail.
    expect(modulesOf(png.rawPayload, want.length)).not.toEqual(expected(`${PUBLIC_URL}/s/ABCDEFGHJK`));
    const svg = await t.call('GET', `/api/signs/${s.signId}/qr.svg`);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toBe(await QRCode.toString(s.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
  });

  it('without server.publicUrl the QR points at the address the request came in on', async () => {
    const local = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z' });
    try {
      const other = await seedSignedSite(local);
      expect(other.url).toBe(`http://localhost:80/s/${other.code}`);
    } finally {
      await local.close();
    }
  });

  it('prints an A4 sign with the notice, unit, retention, filing number, county organ and short URL', async () => {
    const response = await t.call('GET', `/api/signs/${s.signId}/print.pdf`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { text, info } = pdfText(response.rawPayload);
    for (const want of ['视频监控区域', 'CCTV in operation', '某商贸有限公司', '45', RECEIPT_NO, AUTHORITY, s.url, '第二十一条', '第二十四条']) expect(text).toContain(want);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
  });

  it('prints A5 on one page, and no filing number before the filing is received', async () => {
    const a5 = await t.call('GET', `/api/signs/${s.signId}/print.pdf?size=A5`);
    const { info } = pdfText(a5.rawPayload);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+419\.5\d* x 595\.2\d* pts/);
    expect((await t.call('GET', `/api/signs/${s.signId}/print.pdf?size=A3`)).statusCode).toBe(422);

    const local = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z' });
    try {
      const unfiled = await seedSignedSite(local, { filed: false });
      const { text } = pdfText((await local.call('GET', `/api/signs/${unfiled.signId}/print.pdf`)).rawPayload);
      expect(text).toContain('某商贸有限公司');
      expect(text).not.toContain(RECEIPT_NO);
      expect(text).toContain(`备案机关:${AUTHORITY}`);
    } finally {
      await local.close();
    }
  });

  it('refuses to print a retired sign (409 E_SIGN_INACTIVE)', async () => {
    expect((await t.call('POST', `/api/signs/${s.signId}/deactivate`, { reason: '更换' })).statusCode).toBe(200);
    const response = await t.call('GET', `/api/signs/${s.signId}/print.pdf`);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('E_SIGN_INACTIVE');
  });
});
