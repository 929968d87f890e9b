import { expect } from 'vitest';
import type { TestApp } from './app.ts';

export const VALID_USCC = '91330106MA2AB3C472';

export function unitBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '某商贸有限公司',
    unitType: 'ENTERPRISE',
    uscc: VALID_USCC,
    address: '杭州市西湖区文三路1号',
    legalRepresentative: '王五',
    contactName: '李四',
    contactPhone: '0571-88888888',
    ...overrides,
  };
}

export function siteBody(unitId: string, overrides: Record<string, unknown> = {}) {
  return {
    unitId,
    name: '商场B1',
    address: '杭州市西湖区文三路1号B1层',
    adminDivisionCode: '330106',
    placeCategory: 'A7_2_1_GATHERING',
    placeSubtype: '商贸中心',
    putIntoUseDate: '2025-05-10',
    storagePeriodDays: 30,
    ...overrides,
  };
}

/** A camera with everything activation asks for, except a sign. */
export function cameraBody(siteId: string, installedByUnitId: string, overrides: Record<string, unknown> = {}) {
  return {
    siteId,
    name: '入口1',
    deviceType: 'FIXED',
    sourceUrl: 'rtsp://admin:secret@10.0.0.5/stream1',
    position: { x: 15, y: 5 },
    mountHeightM: 3,
    headingDeg: 0,
    tiltDeg: -20,
    hfovDeg: 90,
    rangeM: 20,
    publicSecurityArea: 'ENTRANCE',
    necessity: '覆盖商场主入口人员进出,用于维护公共安全与治安防范',
    placementRationale: '入口上方,朝向室外通道',
    installedByUnitId,
    installedAt: '2025-05-01',
    ...overrides,
  };
}

export async function created<T = Record<string, unknown>>(t: TestApp, url: string, body: unknown): Promise<T> {
  const response = await t.call('POST', url, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
}

/** A unit, an A7 site of it, and a camera with a photographed sign: ready to activate. */
export async function seedSite(t: TestApp, siteOverrides: Record<string, unknown> = {}) {
  const unit = await created<{ id: string }>(t, '/api/units', unitBody());
  const site = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, siteOverrides));
  return { unit, site };
}
