/**
 * The sign's QR and printable sign (art. 13): the QR encodes <server.publicUrl>/s/<CODE> (the code issued
 * once and kept), read back from the SVG module by module; the printed A4/A5 sign carries the notice, the
 * unit, retention, the filing number and county organ, and the short URL, read with pdftotext.
 */
import QRCode from 'qrcode';
import { readPdf } from '../support/pdf.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { AUTHORITY, RECEIPT_NO, seedSignedSite, type SignedSite } from './public-support.ts';

const PUBLIC_URL = 'https://cctv.example.cn';

/**
 * The dark modules drawn by the served SVG, read from its path without the library that drew it: each
 * `M x y` / `m dx dy` moves the pen (y at the middle of a module row), each `h n` paints n modules.
 */
function modulesOfSvg(svg: string, size: number, quiet = 4): boolean[][] {
  const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([MmHhVv])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?/g)) {
    const n = Number(a);
    if (op === 'M') [x, y] = [n, Number(b)];
    else if (op === 'm') [x, y] = [x + n, y + Number(b)];
    else if (op === 'h') {
      for (let i = 0; i < n; i++) grid[Math.floor(y) - quiet]![x + i - quiet] = true;
      x += n;
    }
  }
  return grid;
}

function expected(url: string): boolean[][] {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, y) => Array.from({ length: modules.size }, (_, x) => Boolean(modules.get(y, x))));
}


describe.each(DIALECTS)('the sign’s QR and printable sign on %s', (dialect) => {
  let t: TestApp;
  let s: SignedSite;

  beforeEach(async () => {
    t = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z', env: { CUSTOS_SERVER_PUBLIC_URL: `${PUBLIC_URL}/` } });
    s = await seedSignedSite(t);
  });
  afterEach(async () => t.close());

  it('the QR (SVG read back module by module; PNG the same code) encodes <server.publicUrl>/s/<CODE>, and the code stays the same', async () => {
    expect(s.url).toBe(`${PUBLIC_URL}/s/${s.code}`);
    const svg = await t.call('GET', `/api/signs/${s.signId}/qr.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['x-sign-url']).toBe(s.url);
    const want = expected(s.url);
    expect(modulesOfSvg(svg.body, want.length)).toEqual(want);
    // Another URL gives other modules: the comparison can fail.
    expect(modulesOfSvg(svg.body, want.length)).not.toEqual(expected(`${PUBLIC_URL}/s/ABCDEFGHJK`));
    const png = await t.call('GET', `/api/signs/${s.signId}/qr.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(png.rawPayload).toEqual(await QRCode.toBuffer(s.url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 }));
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
    const { text, info } = readPdf(response.rawPayload);
    for (const want of ['视频监控区域', 'CCTV in operation', '某商贸有限公司', '45', RECEIPT_NO, AUTHORITY, s.url, '第二十一条', '第二十四条']) expect(text).toContain(want);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
  });

  it('prints A5 on one page, and no filing number before the filing is received', async () => {
    const a5 = await t.call('GET', `/api/signs/${s.signId}/print.pdf?size=A5`);
    const { info } = readPdf(a5.rawPayload);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+419\.5\d* x 595\.2\d* pts/);
    expect((await t.call('GET', `/api/signs/${s.signId}/print.pdf?size=A3`)).statusCode).toBe(422);

    const local = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z' });
    try {
      const unfiled = await seedSignedSite(local, { filed: false });
      const { text } = readPdf((await local.call('GET', `/api/signs/${unfiled.signId}/print.pdf`)).rawPayload);
      expect(text).toContain('某商贸有限公司');
      expect(text).not.toContain(RECEIPT_NO);
      expect(text).toContain(`备案机关:${AUTHORITY}`);
    } finally {
      await local.close();
    }
  });

  it('prints that an art. 9 place need not file (art. 9.2) instead of naming a filing to come', async () => {
    const local = await openTestApp(dialect, { at: '2025-06-10T02:00:00Z' });
    try {
      const shop = await seedSignedSite(local, { filed: false, site: { placeCategory: 'A9_OTHER_PUBLIC', placeSubtype: '便利店' } });
      const { text } = readPdf((await local.call('GET', `/api/signs/${shop.signId}/print.pdf`)).rawPayload);
      expect(text).toContain('第九条第二款无需备案');
      expect(text).not.toContain('备案机关');
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
