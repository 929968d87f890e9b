/**
 * Public-report test world: units A and B, each with a site, a camera and a sign whose QR code is issued;
 * site A's division has a county public security organ in the filing authorities. People: a handler of
 * site A (ADMINISTRATOR over SITE A), an operator of site A (MONITOR_OPERATOR: sees, does not handle),
 * a handler of site B. Reports are sent from distinct addresses unless a test is about the rate limit.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { DbDialect } from '../../src/db/connect.ts';
import { codeForSign } from '../../src/public/sign-codes.ts';
import { reportsDb } from '../../src/disclosure/public-reports/tables.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { makeUser } from '../support/access.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake png body for the test')]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake jpeg body')]);
export const AUTHORITY = '杭州市公安局西湖区分局';

export interface Place {
  unitId: string;
  siteId: string;
  cameraId: string;
  signId: string;
  code: string;
}

export interface ReportsWorld {
  t: TestApp;
  A: Place;
  B: Place;
  handlerA: Record<string, string>;
  operatorA: Record<string, string>;
  handlerB: Record<string, string>;
  /** POST a report from the sign with `code`, from the given address (a fresh one by default). */
  report(code: string, body: Record<string, unknown>, address?: string): Promise<LightMyRequestResponse>;
  as(headers: Record<string, string>): (method: string, url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let nextAddress = 1;

async function place(t: TestApp, name: string, division: string): Promise<Place> {
  const unit = await created<{ id: string }>(t, '/api/units', unitBody(name === 'A' ? { name: `${name} 商贸公司` } : { name: `${name} 个体户`, uscc: null, unitType: 'INDIVIDUAL' }));
  const site = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, { name: `${name}-商场`, adminDivisionCode: division }));
  const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name: `${name}1` }));
  const sign = await created<{ id: string }>(t, '/api/signs', { siteId: site.id, location: '入口', photoRef: 'p.jpg', cameraIds: [camera.id] });
  const code = await codeForSign(t.db.db, { id: sign.id, siteId: site.id }, t.clock.now());
  return { unitId: unit.id, siteId: site.id, cameraId: camera.id, signId: sign.id, code };
}

export async function openReportsWorld(dialect: DbDialect, at = '2025-06-01T01:00:00Z'): Promise<ReportsWorld> {
  const t = await openTestApp(dialect, { at });
  const A = await place(t, 'A', '330106');
  const B = await place(t, 'B', '330105');
  await t.services.filingAuthorities.put({ adminDivisionCode: '330106', name: AUTHORITY }, { name: 'fixture' });
  const user = async (unitId: string, role: 'ADMINISTRATOR' | 'MONITOR_OPERATOR', siteId: string, displayName: string) =>
    t.tokenHeaders((await makeUser(t, { unitId, displayName, grants: [{ role, scope: { type: 'SITE', id: siteId } }] })).userId);
  const handlerA = await user(A.unitId, 'ADMINISTRATOR', A.siteId, '张主管');
  const operatorA = await user(A.unitId, 'MONITOR_OPERATOR', A.siteId, '值班员');
  const handlerB = await user(B.unitId, 'ADMINISTRATOR', B.siteId, 'B 主管');
  return {
    t,
    A,
    B,
    handlerA,
    operatorA,
    handlerB,
    report: (code, body, address) =>
      t.app.inject({ method: 'POST', url: `/api/public/signs/${code}/reports`, payload: body, remoteAddress: address ?? `10.9.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}` }),
    as: (headers) => (method, url, body) => t.call(method, url, body, headers),
    close: () => t.close(),
  };
}

export function reportBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    violationType: 'ART8_1',
    location: '二楼女更衣室,第三个隔间上方',
    cameraDescription: '烟雾报警器形状,有小孔',
    seenAt: '2025-06-01T08:30:00+08:00',
    description: '在更衣室天花板上发现一个疑似摄像头的装置,红灯闪烁。',
    photos: [{ contentBase64: PNG.toString('base64') }, { contentBase64: JPEG.toString('base64') }],
    contact: { name: '刘女士', phone: '13800138000', shareWithPolice: false },
    ...overrides,
  };
}

export async function filed(w: ReportsWorld, code: string, body: Record<string, unknown> = reportBody()): Promise<{ reference: string; id: string }> {
  const response = await w.report(code, body);
  expect(response.statusCode, response.body).toBe(201);
  const { reference } = response.json<{ reference: string }>();
  const row = await reportsDb(w.t.db.db).selectFrom('publicReports').select(['id']).where('reference', '=', reference).executeTakeFirstOrThrow();
  return { reference, id: row.id };
}
