import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { sha256 } from '../support/archive.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';
import { makeUser } from '../support/access.ts';

/** A 1×1 PNG and the first bytes of a JPEG: enough for the magic-byte check, as a camera would write them. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.from('jpeg body')]);

interface Sign {
  id: string;
  photoRef: string | null;
  cameraIds: string[];
}

describe.each(DIALECTS)('sign photos (REG-13-5) on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  const upload = (signId: string, bytes: Buffer, type = 'image/png', headers: Record<string, string> = {}) =>
    t.call('POST', `/api/signs/${signId}/photo`, bytes, { 'content-type': type, ...headers });
  const photosRoot = () => path.join(t.dataDir, 'sign-photos');
  const stored = () => {
    try {
      return readdirSync(photosRoot()).sort();
    } catch {
      return [];
    }
  };

  it('REG-13-5: stores a PNG under its SHA-256, records the reference on the sign and in its history, and serves it back checked', async () => {
    const { site } = await seedSite(t);
    const sign = await created<Sign>(t, '/api/signs', { siteId: site.id, location: '北门入口' });
    const response = await upload(sign.id, PNG);
    expect(response.statusCode, response.body).toBe(200);
    const after = response.json<Sign>();
    expect(after.photoRef).toBe(`sign-photos/${sha256(PNG)}.png`);
    expect(stored()).toEqual([`${sha256(PNG)}.png`]);
    expect(readFileSync(path.join(photosRoot(), `${sha256(PNG)}.png`))).toEqual(PNG);

    const photo = await t.call('GET', `/api/signs/${sign.id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-sha256']).toBe(sha256(PNG));
    expect(photo.rawPayload).toEqual(PNG);

    const history = (await t.call('GET', `/api/signs/${sign.id}/history`)).json<{ action: string; after: { photoRef: string } }[]>();
    expect(history.map((h) => h.action)).toEqual(['create', 'photo']);
    expect(history[1]!.after.photoRef).toBe(after.photoRef);
  });

  it('REG-13-5: a JPEG sent as application/octet-stream is recognised by its bytes; a sign with a photo can then be linked to cameras', async () => {
    const { unit, site } = await seedSite(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id));
    const sign = await created<Sign>(t, '/api/signs', { siteId: site.id, location: '北门入口' });
    const refused = await t.call('PATCH', `/api/signs/${sign.id}`, { cameraIds: [camera.id] });
    expect(refused.json()).toMatchObject({ code: 'E_SIGN_EVIDENCE_REQUIRED' });
    const response = await upload(sign.id, JPEG, 'application/octet-stream');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Sign>().photoRef).toBe(`sign-photos/${sha256(JPEG)}.jpg`);
    const linked = await t.call('PATCH', `/api/signs/${sign.id}`, { cameraIds: [camera.id] });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((await t.call('GET', `/api/signs/${sign.id}/photo`)).headers['content-type']).toBe('image/jpeg');
  });

  it('refuses what is not a JPEG or PNG (by magic bytes, whatever the header says), an empty body and a body over the limit; nothing is stored', async () => {
    const { site } = await seedSite(t);
    const sign = await created<Sign>(t, '/api/signs', { siteId: site.id, location: '北门入口' });
    const html = await upload(sign.id, Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect(html.statusCode).toBe(422);
    expect(html.json()).toMatchObject({ code: 'E_SIGN_PHOTO_TYPE', article: '13' });
    const mislabelled = await upload(sign.id, JPEG, 'image/png');
    expect(mislabelled.json()).toMatchObject({ code: 'E_SIGN_PHOTO_TYPE' });
    const empty = await upload(sign.id, Buffer.alloc(0));
    expect(empty.statusCode).toBeGreaterThanOrEqual(400);
    const huge = await upload(sign.id, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    expect(stored()).toEqual([]);
    expect((await t.call('GET', `/api/signs/${sign.id}`)).json<Sign>().photoRef).toBeNull();
    expect((await t.call('GET', `/api/signs/${sign.id}/photo`)).json()).toMatchObject({ code: 'E_SIGN_PHOTO_NONE' });
  });

  it('a stored photo whose bytes changed on disk is refused, not served (E_SIGN_PHOTO_CORRUPT)', async () => {
    const { site } = await seedSite(t);
    const sign = await created<Sign>(t, '/api/signs', { siteId: site.id, location: '北门入口' });
    await upload(sign.id, PNG);
    writeFileSync(path.join(photosRoot(), `${sha256(PNG)}.png`), Buffer.concat([PNG, Buffer.from('x')]));
    const photo = await t.call('GET', `/api/signs/${sign.id}/photo`);
    expect(photo.statusCode).toBe(409);
    expect(photo.json()).toMatchObject({ code: 'E_SIGN_PHOTO_CORRUPT' });
  });

  it('a user without CONFIG over the site cannot upload, and nothing is written for them', async () => {
    const { unit, site } = await seedSite(t);
    const sign = await created<Sign>(t, '/api/signs', { siteId: site.id, location: '北门入口' });
    const auditor = await makeUser(t, { unitId: unit.id, grants: [{ role: 'AUDITOR' }] });
    const response = await upload(sign.id, PNG, 'image/png', await t.tokenHeaders(auditor.userId));
    expect(response.statusCode).toBe(403);
    expect(stored()).toEqual([]);
  });
});
