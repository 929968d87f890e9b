/**
 * A site under a sign, as a person meets it: a unit (with a contact person and phone that must never
 * reach the public page), an A7 site, two cameras (one with audio), a photographed sign covering both,
 * the county public security organ, and a filing with its receipt. The sign's code is issued through
 * the staff QR route, as printing it does.
 */
import { expect } from 'vitest';
import { legalDateOf } from '../../src/shared/legal-time.ts';
import type { TestApp } from '../support/app.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';

export const RECEIPT_NO = 'BA-2025-000777';
export const AUTHORITY = '杭州市公安局西湖区分局';

export interface SignedSite {
  unitId: string;
  siteId: string;
  signId: string;
  cameraIds: string[];
  code: string;
  url: string;
}

export async function seedSignedSite(t: TestApp, options: { filed?: boolean; unit?: Record<string, unknown>; site?: Record<string, unknown> } = {}): Promise<SignedSite> {
  expect((await t.call('PUT', '/api/filing-authorities/330106', { name: AUTHORITY })).statusCode).toBe(200);
  const unit = await created<{ id: string }>(t, '/api/units', unitBody(options.unit));
  const site = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, options.site));
  const c1 = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { retentionDays: 45 }));
  const c2 = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: '收银台', position: { x: 20, y: 8 }, audioEnabled: true, audioJustification: '收银纠纷取证', necessity: '收银区域防盗与纠纷处理,维护财产安全' }));
  const sign = await created<{ id: string }>(t, '/api/signs', {
    siteId: site.id,
    location: '商场B1东门入口',
    text: '视频监控区域',
    languages: ['zh', 'en'],
    photoRef: 'sign-photos/test.jpg',
    installedAt: '2025-05-01',
    cameraIds: [c1.id, c2.id],
  });
  if (options.filed !== false) {
    const filing = await created<{ id: string }>(t, `/api/sites/${site.id}/filings`, undefined);
    expect((await t.call('POST', `/api/filings/${filing.id}/submit`, { responsiblePerson: '王五' })).statusCode).toBe(200);
    const filed = await t.call('POST', `/api/filings/${filing.id}/record-receipt`, { receiptNo: RECEIPT_NO, filedAt: legalDateOf(t.clock.now()) });
    expect(filed.statusCode, filed.body).toBe(200);
  }
  const qr = await t.call('GET', `/api/signs/${sign.id}/qr.svg`);
  expect(qr.statusCode, qr.body).toBe(200);
  const url = String(qr.headers['x-sign-url']);
  const code = /\/s\/([2-9A-Z]{10})$/.exec(url)?.[1];
  expect(code, url).toBeDefined();
  return { unitId: unit.id, siteId: site.id, signId: sign.id, cameraIds: [c1.id, c2.id], code: code as string, url };
}

export const ID_PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('JFIF test identity card photo')]);

/** A parent looking for a missing child, from the phone, without an ID photo unless given. */
export function publicIntakeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    requester: { name: '王秀英', idType: 'RESIDENT_ID', idNumber: '110101198001011234', contact: 'wang@example.cn' },
    relationship: 'CLOSE_RELATIVE',
    relationshipSubtype: '父母',
    purpose: 'LIFE_HEALTH',
    purposeDescription: '孩子走失,需确认其离开商场的时间和方向',
    relatedPerson: '李小明(8岁)',
    incidentAt: '2025-06-01T15:00:00+08:00',
    incidentPlace: '东门外的台阶',
    ...overrides,
  };
}
