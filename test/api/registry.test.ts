import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite, siteBody, unitBody } from '../support/fixtures.ts';
import { makeUser } from '../support/access.ts';

describe.each(DIALECTS)('registry API on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('REG-07-2: a unit with a bad USCC check character is refused; the valid one is accepted', async () => {
    const bad = await t.call('POST', '/api/units', unitBody({ uscc: '91330106MA2AB3C473' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'E_USCC_CHECKSUM' });
    expect(bad.json().messages.zh).toMatch(/统一社会信用代码/);
    const good = await t.call('POST', '/api/units', unitBody());
    expect(good.statusCode).toBe(201);
    const again = await t.call('POST', '/api/units', unitBody({ name: '另一家' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('E_USCC_TAKEN');
  });

  it('refuses unknown fields and writes nothing', async () => {
    const response = await t.call('POST', '/api/units', { ...unitBody(), nickname: 'x' });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('E_UNKNOWN_FIELD');
    expect((await t.call('GET', '/api/units')).json()).toEqual([]);
    expect((await t.call('GET', '/api/history?entityType=unit')).json()).toEqual([]);
  });

  it('REG-02-1: a site cannot be saved without a place category', async () => {
    const unit = await created<{ id: string }>(t, '/api/units', unitBody());
    const missing = await t.call('POST', '/api/sites', siteBody(unit.id, { placeCategory: null }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('E_CATEGORY_REQUIRED');
  });

  it('REG-07-1: an unknown place category is refused', async () => {
    const unit = await created<{ id: string }>(t, '/api/units', unitBody());
    const response = await t.call('POST', '/api/sites', siteBody(unit.id, { placeCategory: 'A7_2_9' }));
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('E_CATEGORY_UNKNOWN');
  });

  it('REG-07-1: /api/meta/place-categories lists the 7 categories with their articles', async () => {
    const list = (await t.call('GET', '/api/meta/place-categories')).json<{ id?: string; value?: string; article: string }[]>();
    expect(list).toHaveLength(7);
    expect(list.map((c) => c.article)).toContain('7.2(2)');
  });

  it('REG-05-1: admin division codes must be six digits at county level', async () => {
    const unit = await created<{ id: string }>(t, '/api/units', unitBody());
    const short = await t.call('POST', '/api/sites', siteBody(unit.id, { adminDivisionCode: '3301' }));
    expect(short.json().code).toBe('E_ADMIN_DIVISION_FORMAT');
    const prefecture = await t.call('POST', '/api/sites', siteBody(unit.id, { adminDivisionCode: '330100' }));
    expect(prefecture.statusCode).toBe(422);
    expect(prefecture.json().code).toBe('E_COUNTY_LEVEL_CODE_REQUIRED');
  });

  it('REG-07-2: an art. 7.1 site needs a government department as its unit', async () => {
    const unit = await created<{ id: string }>(t, '/api/units', unitBody());
    const response = await t.call('POST', '/api/sites', siteBody(unit.id, { placeCategory: 'A7_1_GOV_INFRA' }));
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('E_A7_1_REQUIRES_GOV_DEPT');
  });

  it('REG-08-2: a camera declared in a fitting room is refused with art. 8.1(3) cited, and nothing is stored', async () => {
    const { unit, site } = await seedSite(t);
    const response = await t.call('POST', '/api/cameras', cameraBody(site.id, unit.id, { zoneType: 'Z8_3_FITTING_ROOM' }));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'E_PROHIBITED_ZONE', article: '8.1(3)', penaltyRef: '27.1' });
    expect(response.json().messages.zh).toMatch(/试衣间/);
    expect((await t.call('GET', `/api/cameras?siteId=${site.id}`)).json()).toEqual([]);
    expect((await t.call('GET', '/api/history?entityType=camera')).json()).toEqual([]);
  });

  it('REG-08-2: a camera whose position lies inside a toilet zone is refused; outside it is accepted', async () => {
    const { unit, site } = await seedSite(t);
    await created(t, '/api/zones', {
      siteId: site.id,
      zoneType: 'Z8_3_TOILET',
      name: '卫生间',
      polygon: [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ],
    });
    const inside = await t.call('POST', '/api/cameras', cameraBody(site.id, unit.id, { position: { x: 5, y: 5 } }));
    expect(inside.statusCode).toBe(422);
    expect(inside.json()).toMatchObject({ code: 'E_PROHIBITED_ZONE', article: '8.1(3)' });
    const outside = await t.call('POST', '/api/cameras', cameraBody(site.id, unit.id, { position: { x: 15, y: 5 } }));
    expect(outside.statusCode).toBe(201);
  });

  it('REG-13-5: activation needs a linked sign with a photo', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string; status: string; audioEnabled: boolean; sourceUrl: string }>(
      t,
      '/api/cameras',
      cameraBody(site.id, unit.id),
    );
    expect(camera.status).toBe('INACTIVE');
    expect(camera.audioEnabled).toBe(false);
    expect(camera.sourceUrl).not.toContain('secret');

    const refused = await t.call('POST', `/api/cameras/${camera.id}/activate`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'E_SIGNAGE_MISSING', article: '13' });

    const noPhoto = await t.call('POST', '/api/signs', { siteId: site.id, location: '入口', cameraIds: [camera.id] });
    expect(noPhoto.statusCode).toBe(422);
    expect(noPhoto.json().code).toBe('E_SIGN_EVIDENCE_REQUIRED');

    await created(t, '/api/signs', { siteId: site.id, location: '入口', photoRef: 'photos/sign-1.jpg', cameraIds: [camera.id] });
    const activated = await t.call('POST', `/api/cameras/${camera.id}/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json()).toMatchObject({ status: 'ACTIVE', activatedAt: '2025-06-01T02:00:00.000Z' });
  });

  it('REG-13-5: an override activation keeps the reason and leaves the finding open', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id));
    const response = await t.call('POST', `/api/cameras/${camera.id}/activate`, { signageOverride: { reason: '标识牌已订购,两日内安装' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().signageOverrideReason).toBe('标识牌已订购,两日内安装');
    const report = (await t.call('GET', '/api/compliance')).json<{ cameras: { cameraId: string; findings: { code: string; severity: string }[] }[] }>();
    const findings = report.cameras.find((c) => c.cameraId === camera.id)?.findings ?? [];
    expect(findings).toContainEqual(expect.objectContaining({ code: 'SIGNAGE_MISSING', severity: 'NONCOMPLIANT' }));
  });

  it('REG-07-3: activation needs a necessity statement', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { necessity: '' }));
    await created(t, '/api/signs', { siteId: site.id, location: '入口', photoRef: 'p.jpg', cameraIds: [camera.id] });
    const response = await t.call('POST', `/api/cameras/${camera.id}/activate`, {});
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'E_NECESSITY_REQUIRED', article: '7.3' });
  });

  it('REG-07-4: an installer who is not the management unit is refused', async () => {
    const { site } = await seedSite(t);
    const other = await created<{ id: string }>(t, '/api/units', unitBody({ name: '无关单位', uscc: null, unitType: 'INDIVIDUAL' }));
    const response = await t.call('POST', '/api/cameras', cameraBody(site.id, other.id));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'E_UNAUTHORIZED_INSTALLER', article: '7.3', penaltyRef: '26' });
  });

  it('REG-17-1: retention under 30 days is refused on art. 7 places, advisory on art. 9, silent on art. 33', async () => {
    const { unit, site } = await seedSite(t);
    const a7 = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id));
    const refused = await t.call('PATCH', `/api/cameras/${a7.id}`, { retentionDays: 29 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'E_RETENTION_BELOW_MINIMUM', article: '17' });
    expect((await t.call('GET', `/api/cameras/${a7.id}`)).json().retentionDays).toBe(30);

    const a9 = await created<{ id: string }>(
      t,
      '/api/sites',
      siteBody(unit.id, { name: '小店', placeCategory: 'A9_OTHER_PUBLIC', securityObligation: { partyUnitId: unit.id, basis: 'OPERATOR', documentRef: '租赁合同' } }),
    );
    const a9Camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(a9.id, unit.id));
    const accepted = await t.call('PATCH', `/api/cameras/${a9Camera.id}`, { retentionDays: 29 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const report = (await t.call('GET', '/api/compliance')).json<{ cameras: { cameraId: string; findings: { ruleId: string; severity: string }[] }[] }>();
    const a9Findings = report.cameras.find((c) => c.cameraId === a9Camera.id)?.findings ?? [];
    expect(a9Findings).toContainEqual(expect.objectContaining({ ruleId: 'REG-17-1', severity: 'ADVISORY' }));

    const a33 = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, { name: '办公室', placeCategory: 'A33_NON_PUBLIC' }));
    const a33Camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(a33.id, unit.id, { retentionDays: 3 }));
    const a33Report = (await t.call('GET', '/api/compliance')).json<{ cameras: { cameraId: string; findings: { ruleId: string }[] }[] }>();
    const a33Findings = a33Report.cameras.find((c) => c.cameraId === a33Camera.id)?.findings ?? [];
    expect(a33Findings.filter((f) => f.ruleId === 'REG-17-1')).toEqual([]);
  });

  it('REG-02-1: a camera takes its scope from the site category', async () => {
    const { unit } = await seedSite(t);
    const a9 = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, { name: 'A9', placeCategory: 'A9_OTHER_PUBLIC' }));
    const a33 = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, { name: 'A33', placeCategory: 'A33_NON_PUBLIC' }));
    const c1 = await created<{ id: string }>(t, '/api/cameras', cameraBody(a9.id, unit.id));
    const c2 = await created<{ id: string }>(t, '/api/cameras', cameraBody(a33.id, unit.id));
    expect((await t.call('GET', `/api/cameras/${c1.id}`)).json().scope).toBe('PSVS');
    expect((await t.call('GET', `/api/cameras/${c2.id}`)).json().scope).toBe('NON_PUBLIC');
  });

  it('REG-10-1 and REG-10-2: consent near a confidential unit must exist and be prior', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(
      t,
      '/api/cameras',
      cameraBody(site.id, unit.id, { confidentialProximity: 'MILITARY_MANAGEMENT_ZONE', installedAt: '2025-06-01' }),
    );
    await created(t, '/api/signs', { siteId: site.id, location: '入口', photoRef: 'p.jpg', cameraIds: [camera.id] });
    const refused = await t.call('POST', `/api/cameras/${camera.id}/activate`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'E_CONFIDENTIAL_CONSENT_REQUIRED', article: '10', penaltyRef: '28' });

    const late = await t.call('POST', '/api/consents', {
      siteId: site.id,
      consentingUnit: '某部队',
      referenceNo: 'TY-2025-01',
      consentDate: '2025-06-03',
      cameraIds: [camera.id],
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('E_CONSENT_NOT_PRIOR');

    await created(t, '/api/consents', { siteId: site.id, consentingUnit: '某部队', referenceNo: 'TY-2025-01', consentDate: '2025-05-20', cameraIds: [camera.id] });
    const activated = await t.call('POST', `/api/cameras/${camera.id}/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);

    const unexplained = await t.call('PATCH', `/api/cameras/${camera.id}`, { headingDeg: 30 });
    expect(unexplained.statusCode).toBe(422);
    expect(unexplained.json()).toMatchObject({ code: 'E_CHANGE_REASON_REQUIRED', article: '13' });
    const turned = await t.call('PATCH', `/api/cameras/${camera.id}`, { headingDeg: 30, changeReason: '避开相邻营区方向' });
    expect(turned.statusCode).toBe(200);
    const report = (await t.call('GET', '/api/compliance')).json<{ cameras: { cameraId: string; findings: { code: string; severity: string }[] }[] }>();
    expect(report.cameras.find((c) => c.cameraId === camera.id)?.findings).toContainEqual(
      expect.objectContaining({ code: 'CONSENT_SCOPE_INVALIDATED', severity: 'BLOCK' }),
    );
  });

  it('REG-13-1: activation needs the whole placement, and placement changes are versioned with who and why', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { headingDeg: null }));
    await created(t, '/api/signs', { siteId: site.id, location: '入口', photoRef: 'p.jpg', cameraIds: [camera.id] });
    const incomplete = await t.call('POST', `/api/cameras/${camera.id}/activate`, {});
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json()).toMatchObject({ code: 'E_PLACEMENT_INCOMPLETE', details: { missing: ['headingDeg'] } });

    const zhang = await makeUser(t, { username: 'zhangsan', displayName: '张三', unitId: unit.id, grants: [{ role: 'ADMINISTRATOR' }] });
    await t.call('PATCH', `/api/cameras/${camera.id}`, { headingDeg: 0, changeReason: '补充朝向' }, await t.tokenHeaders(zhang.userId));
    expect((await t.call('POST', `/api/cameras/${camera.id}/activate`, {})).statusCode).toBe(200);
    await t.call('PATCH', `/api/cameras/${camera.id}`, { name: '入口(东)' });
    const versions = (await t.call('GET', `/api/cameras/${camera.id}/placement-history`)).json<{ actor: string; reason: string | null; placement: { headingDeg: number | null } }[]>();
    expect(versions).toHaveLength(2);
    expect(versions[0]?.placement.headingDeg).toBeNull();
    expect(versions[1]).toMatchObject({ actor: 'zhangsan', reason: '补充朝向', placement: { headingDeg: 0 } });
  });

  it('REG-33-2: an A33 camera that can see into a staff rest room needs a written attestation before activation', async () => {
    const { unit } = await seedSite(t);
    const flat = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id, { name: '员工宿舍楼', placeCategory: 'A33_NON_PUBLIC' }));
    await created(t, '/api/zones', {
      siteId: flat.id,
      zoneType: 'Z8_2_STAFF_LODGING_REST',
      name: '员工休息室',
      polygon: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }],
      openings: [{ from: { x: 10, y: 4 }, to: { x: 10, y: 6 } }],
    });
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(flat.id, unit.id, { headingDeg: 180 }));
    await created(t, '/api/signs', { siteId: flat.id, location: '走廊', photoRef: 'p.jpg', cameraIds: [camera.id] });
    const refused = await t.call('POST', `/api/cameras/${camera.id}/activate`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'E_ATTESTATION_REQUIRED', article: '33' });
    await t.call('PATCH', `/api/cameras/${camera.id}`, { privacyAttestation: '休息室门常闭,已告知全体员工并取得书面同意' });
    expect((await t.call('POST', `/api/cameras/${camera.id}/activate`, {})).statusCode).toBe(200);
    await t.call('PATCH', `/api/cameras/${camera.id}`, { name: '走廊东' });
    expect((await t.call('GET', `/api/cameras/${camera.id}`)).json().privacyAttestation).toBe('休息室门常闭,已告知全体员工并取得书面同意');
    const report = (await t.call('GET', '/api/compliance')).json<{ cameras: { cameraId: string; findings: { code: string; severity: string }[] }[] }>();
    expect(report.cameras.find((c) => c.cameraId === camera.id)?.findings).toContainEqual(
      expect.objectContaining({ code: 'A33_PRIVACY_RISK', severity: 'ADVISORY' }),
    );
  });

  it('keeps every change in a history with who, when, before and after', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id));
    const zhang = await makeUser(t, { username: 'zhangsan', displayName: '张三', unitId: unit.id, grants: [{ role: 'ADMINISTRATOR' }] });
    t.clock.set('2025-06-02T03:00:00Z');
    await t.call('PATCH', `/api/cameras/${camera.id}`, { headingDeg: 10 }, await t.tokenHeaders(zhang.userId));
    const history = (await t.call('GET', `/api/cameras/${camera.id}/history`)).json<
      { action: string; actor: string; at: string; before: { headingDeg: number } | null; after: { headingDeg: number } }[]
    >();
    expect(history.map((h) => h.action)).toEqual(['create', 'update']);
    expect(history[1]).toMatchObject({ actor: 'zhangsan', at: '2025-06-02T03:00:00.000Z', before: { headingDeg: 0 }, after: { headingDeg: 10 } });
  });

  it('deactivates instead of deleting, and refuses to orphan active cameras', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id));
    await t.call('POST', `/api/cameras/${camera.id}/activate`, { signageOverride: { reason: '临时启用,标识牌待装' } });
    const refused = await t.call('POST', `/api/sites/${site.id}/deactivate`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('E_SITE_HAS_ACTIVE_CAMERAS');
    expect((await t.call('POST', `/api/cameras/${camera.id}/deactivate`)).json().status).toBe('DEACTIVATED');
    expect((await t.call('POST', `/api/sites/${site.id}/deactivate`)).json().active).toBe(false);
  });

  it('answers 404 with a code for unknown ids', async () => {
    const response = await t.call('GET', '/api/cameras/cam_nothing');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('E_NOT_FOUND');
  });
});

describe('stream credentials', () => {
  it('never returns the stream password, and keeps it when the redacted URL is sent back', async () => {
    const t = await openTestApp('sqlite');
    try {
      const { unit, site } = await seedSite(t);
      const camera = await created<{ id: string; sourceUrl: string }>(t, '/api/cameras', cameraBody(site.id, unit.id));
      expect(camera.sourceUrl).toBe('rtsp://admin:***@10.0.0.5/stream1');
      await t.call('PATCH', `/api/cameras/${camera.id}`, { sourceUrl: camera.sourceUrl, name: '入口A' });
      const stored = await t.services.cameras.get(camera.id);
      expect(stored.sourceUrl).toBe('rtsp://admin:secret@10.0.0.5/stream1');
      const history = JSON.stringify((await t.call('GET', `/api/cameras/${camera.id}/history`)).json());
      expect(history).not.toContain('secret');
    } finally {
      await t.close();
    }
  });
});
