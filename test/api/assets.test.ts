import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

const PRODUCT = { manufacturer: 'AcmeCam', model: 'X200', serialNumber: 'SN-0001', firmwareVersion: '5.7.1', hardwareVersion: 'B' };

describe.each(DIALECTS)('assets and device product data on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('REG-02-2: a system with 2 cameras, an NVR and a display wall lists 4 assets; the NVR holding recordings cannot be removed', async () => {
    const { unit, site } = await seedSite(t);
    await created(t, '/api/cameras', cameraBody(site.id, unit.id));
    await created(t, '/api/cameras', cameraBody(site.id, unit.id, { name: '入口2' }));
    const nvr = await created<{ id: string }>(t, '/api/assets', { siteId: site.id, assetType: 'RECORDER', name: 'NVR-1', holdsFootage: true, ...PRODUCT });
    await created(t, '/api/assets', { siteId: site.id, assetType: 'DISPLAY', name: '监控中心电视墙', locationNote: '一层监控室' });

    const list = await t.call('GET', `/api/sites/${site.id}/assets`);
    expect(list.statusCode).toBe(200);
    const items = list.json<{ type: string; kind: string }[]>();
    expect(items).toHaveLength(4);
    expect(items.map((i) => i.type).sort()).toEqual(['CAMERA', 'CAMERA', 'DISPLAY', 'RECORDER']);

    const refused = await t.call('POST', `/api/assets/${nvr.id}/deactivate`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'E_ASSET_HAS_DATA', article: '17' });
    expect(refused.json().messages.zh).toMatch(/录像/);
    expect((await t.call('GET', `/api/assets/${nvr.id}`)).json().active).toBe(true);

    expect((await t.call('PATCH', `/api/assets/${nvr.id}`, { holdsFootage: false })).statusCode).toBe(200);
    const done = await t.call('POST', `/api/assets/${nvr.id}/deactivate`);
    expect(done.statusCode).toBe(200);
    expect(done.json().active).toBe(false);
    expect((await t.call('GET', `/api/sites/${site.id}/assets`)).json()).toHaveLength(3);
    expect((await t.call('GET', `/api/sites/${site.id}/assets?includeInactive=true`)).json()).toHaveLength(4);
    const actions = (await t.call('GET', `/api/assets/${nvr.id}/history`)).json<{ action: string }[]>().map((h) => h.action);
    expect(actions).toEqual(['create', 'update', 'deactivate']);
  });

  it('REG-02-2: an asset belongs to one existing system; unknown types and sites are refused', async () => {
    const { site } = await seedSite(t);
    expect((await t.call('POST', '/api/assets', { siteId: 'site_nope', assetType: 'RECORDER', name: 'x' })).json().code).toBe('E_SITE_UNKNOWN');
    const badType = await t.call('POST', '/api/assets', { siteId: site.id, assetType: 'TOASTER', name: 'x' });
    expect(badType.statusCode).toBe(422);
    const asset = await created<{ id: string }>(t, '/api/assets', { siteId: site.id, assetType: 'NETWORK_LINK', name: '电信专线 A' });
    const move = await t.call('PATCH', `/api/assets/${asset.id}`, { siteId: 'other' });
    expect(move.statusCode).toBe(422);
    expect(move.json().code).toBe('E_UNKNOWN_FIELD');
    expect((await t.call('GET', '/api/sites/site_nope/assets')).statusCode).toBe(404);
  });

  it('REG-12-1: cameras carry manufacturer, model, serial, firmware and hardware version; a patch that omits them keeps them', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<Record<string, unknown>>(t, '/api/cameras', cameraBody(site.id, unit.id, PRODUCT));
    expect(camera).toMatchObject(PRODUCT);
    const bare = await created<Record<string, unknown>>(t, '/api/cameras', cameraBody(site.id, unit.id));
    expect(bare).toMatchObject({ manufacturer: null, firmwareVersion: null });
    const patched = await t.call('PATCH', `/api/cameras/${camera.id as string}`, { name: '入口(改)' });
    expect(patched.json()).toMatchObject({ name: '入口(改)', ...PRODUCT });
    const upgraded = await t.call('PATCH', `/api/cameras/${camera.id as string}`, { firmwareVersion: '5.7.3' });
    expect(upgraded.json()).toMatchObject({ firmwareVersion: '5.7.3', serialNumber: 'SN-0001' });
  });

  it('REG-12-1: a conformance declaration needs a certificate or evidence, names a device in service, and is one per standard', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, PRODUCT));
    const none = await t.call('POST', '/api/conformance-declarations', { deviceKind: 'camera', deviceId: camera.id, standard: 'GB 35114-2017' });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'E_CONFORMANCE_EVIDENCE_REQUIRED', article: '12' });
    const unknown = await t.call('POST', '/api/conformance-declarations', { deviceKind: 'asset', deviceId: camera.id, standard: 'GB 35114-2017', evidenceDocId: 'D9' });
    expect(unknown.json().code).toBe('E_DEVICE_UNKNOWN');
    const ok = await created<Record<string, unknown>>(t, '/api/conformance-declarations', {
      deviceKind: 'camera',
      deviceId: camera.id,
      standard: 'GB 35114-2017',
      level: 'A',
      evidenceDocId: 'D9',
    });
    expect(ok).toMatchObject({ siteId: site.id, level: 'A', certificateRef: null, active: true });
    const twice = await t.call('POST', '/api/conformance-declarations', { deviceKind: 'camera', deviceId: camera.id, standard: 'gb35114-2017', certificateRef: 'C-1' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('E_CONFORMANCE_DUPLICATE');
    expect((await t.call('GET', `/api/conformance-declarations?deviceId=${camera.id}`)).json()).toHaveLength(1);
  });
});
