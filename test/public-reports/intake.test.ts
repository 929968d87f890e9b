/**
 * REG-24-2 (the unit's intake, from the sign): a report with photos and an optional contact answers a
 * reference number; the photos are checked by their bytes and stored with SHA-256 under the data folder;
 * the reference tells only the status and dates; the intake is rate-limited per address.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { filed, JPEG, openReportsWorld, PNG, reportBody, type ReportsWorld } from './support.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(DIALECTS)('public reports: intake from the sign (%s)', (dialect) => {
  let w: ReportsWorld;
  beforeEach(async () => {
    w = await openReportsWorld(dialect);
  });
  afterEach(async () => {
    await w?.close();
  });

  it('REG-24-2: a report with two photos and a contact answers an unguessable reference; photos stored with SHA-256; PUBLIC_REPORT_RECEIVED raised', async () => {
    const response = await w.report(w.A.code.toLowerCase(), reportBody());
    expect(response.statusCode, response.body).toBe(201);
    const receipt = response.json<{ reference: string; status: string; receivedAt: string; firstActionDueAt: string }>();
    expect(receipt.reference).toMatch(/^R24-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(receipt).toMatchObject({ status: 'RECEIVED', receivedAt: '2025-06-01T01:00:00.000Z', firstActionDueAt: '2025-06-02T01:00:00.000Z' });
    expect(Object.keys(receipt).sort()).toEqual(['firstActionAt', 'firstActionDueAt', 'forwardedAt', 'receivedAt', 'reference', 'resolvedAt', 'status', 'updatedAt']);

    const list = (await w.as(w.handlerA)('GET', '/api/public-reports')).json<{ id: string; reference: string; siteId: string; photos: { id: string; sha256: string; mediaType: string }[] }[]>();
    expect(list).toHaveLength(1);
    const [report] = list;
    expect(report).toMatchObject({ reference: receipt.reference, siteId: w.A.siteId });
    expect(report!.photos.map((p) => [p.mediaType, p.sha256]).sort()).toEqual([
      ['image/jpeg', sha(JPEG)],
      ['image/png', sha(PNG)],
    ]);
    const png = report!.photos.find((p) => p.mediaType === 'image/png')!;
    const jpeg = report!.photos.find((p) => p.mediaType === 'image/jpeg')!;
    const stored = readFileSync(path.join(w.t.dataDir, 'disclosure', 'public-reports', report!.id, png.id));
    expect(stored.equals(PNG)).toBe(true);
    const photo = await w.as(w.handlerA)('GET', `/api/public-reports/${report!.id}/photos/${jpeg.id}`);
    expect(photo.headers['x-sha256']).toBe(sha(JPEG));
    expect(photo.rawPayload.equals(JPEG)).toBe(true);

    const alarms = await w.t.services.alarms.list(w.t.admin.principal, { kind: 'PUBLIC_REPORT_RECEIVED' });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ category: 'COMPLIANCE', article: '24', subject: report!.id, details: { reportId: report!.id, violationType: 'ART8_1', article: '8.1' } });
    for (const secret of ['13800138000', receipt.reference]) expect(JSON.stringify(alarms[0])).not.toContain(secret);
  });

  it('REG-24-2: a photo that is not JPEG, PNG or WebP is refused with E_REPORT_PHOTO_TYPE, a photo over 2 MiB with E_REPORT_PHOTO_TOO_LARGE, a fourth photo with E_VALIDATION; nothing is stored', async () => {
    const pdf = Buffer.from('%PDF-1.4 not a photo');
    const notImage = await w.report(w.A.code, reportBody({ photos: [{ contentBase64: pdf.toString('base64') }] }));
    expect(notImage.statusCode).toBe(422);
    expect(notImage.json()).toMatchObject({ code: 'E_REPORT_PHOTO_TYPE', article: '24' });
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const tooLarge = await w.report(w.A.code, reportBody({ photos: [{ contentBase64: big.toString('base64') }] }));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'E_REPORT_PHOTO_TOO_LARGE', details: { maxBytes: 2 * 1024 * 1024 } });
    const four = await w.report(w.A.code, reportBody({ photos: Array.from({ length: 4 }, () => ({ contentBase64: PNG.toString('base64') })) }));
    expect(four.statusCode).toBe(422);
    expect(four.json()).toMatchObject({ code: 'E_VALIDATION' });
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 fake')]);
    expect((await w.report(w.A.code, reportBody({ photos: [{ contentBase64: webp.toString('base64') }] }))).statusCode).toBe(201);
    expect((await w.as(w.handlerA)('GET', '/api/public-reports')).json<unknown[]>()).toHaveLength(1);
  });

  it('an unknown code, a malformed code and the code of a site no longer active answer 404 E_SIGN_CODE_UNKNOWN', async () => {
    expect((await w.report('ZZZZZZZZZZ', reportBody())).json()).toMatchObject({ code: 'E_SIGN_CODE_UNKNOWN' });
    expect((await w.report('not-a-code', reportBody())).statusCode).toBe(404);
    await w.t.call('POST', `/api/sites/${w.B.siteId}/deactivate`);
    const inactive = await w.report(w.B.code, reportBody());
    expect(inactive.statusCode).toBe(404);
    expect(inactive.json()).toMatchObject({ code: 'E_SIGN_CODE_UNKNOWN' });
  });

  it('REG-24-2: anonymous reports are taken; the reference shows only the status and dates, never the report or the reporter', async () => {
    const { reference } = await filed(w, w.A.code, reportBody({ contact: undefined, photos: [] }));
    const status = await w.t.call('GET', `/api/public/reports/${reference.toLowerCase().replaceAll('-', ' ')}`, undefined, { authorization: '' });
    expect(status.statusCode, status.body).toBe(200);
    const view = status.json<Record<string, unknown>>();
    expect(Object.keys(view).sort()).toEqual(['firstActionAt', 'forwardedAt', 'receivedAt', 'reference', 'resolvedAt', 'status', 'updatedAt']);
    expect(view).toMatchObject({ reference, status: 'RECEIVED', firstActionAt: null });
    const withContact = await filed(w, w.A.code);
    const text = (await w.t.call('GET', `/api/public/reports/${withContact.reference}`, undefined, { authorization: '' })).body;
    for (const secret of ['刘女士', '13800138000', '更衣室', w.A.siteId, w.A.unitId]) expect(text).not.toContain(secret);
    expect((await w.t.call('GET', '/api/public/reports/R24-2222-2222-2222', undefined, { authorization: '' })).json()).toMatchObject({ code: 'E_REPORT_REFERENCE_UNKNOWN' });
    const [anonymous] = (await w.as(w.handlerA)('GET', '/api/public-reports')).json<{ reference: string; anonymous: boolean; contact: unknown }[]>().filter((r) => r.reference === reference);
    expect(anonymous).toMatchObject({ anonymous: true, contact: null });
  });

  it('the intake is limited per address: the sixth report within 15 minutes from one address gets 429 E_RATE_LIMITED, another address is not', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await w.report(w.A.code, reportBody({ photos: [] }), '203.0.113.7')).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await w.report(w.A.code, reportBody({ photos: [] }), '203.0.113.7');
    expect(limited.json()).toMatchObject({ code: 'E_RATE_LIMITED' });
    expect((await w.report(w.A.code, reportBody({ photos: [] }), '203.0.113.8')).statusCode).toBe(201);
  });

  it('a time seen in the future is refused (E_REPORT_SEEN_IN_FUTURE); unknown fields are refused', async () => {
    expect((await w.report(w.A.code, reportBody({ seenAt: '2025-06-02T09:00:00+08:00' }))).json()).toMatchObject({ code: 'E_REPORT_SEEN_IN_FUTURE' });
    expect((await w.report(w.A.code, reportBody({ siteId: w.B.siteId }))).statusCode).toBe(422);
  });
});
