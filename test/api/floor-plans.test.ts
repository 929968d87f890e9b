import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { filesUnder, sha256 } from '../support/archive.ts';
import { seedSite } from '../support/fixtures.ts';

/** A 1×1 PNG, a JPEG header and a WebP header: what the magic-byte check knows. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1f3d9b80000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF jpeg body')]);

interface FloorPlan {
  siteId: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  metresPerPixel: number;
  originX: number;
  originY: number;
  updatedBy: string;
}

describe.each(DIALECTS)('site floor plan on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  const root = () => path.join(t.dataDir, 'floor-plans');
  const put = (siteId: string, bytes: Buffer, query: string, contentType = 'application/octet-stream') =>
    t.call('PUT', `/api/sites/${encodeURIComponent(siteId)}/floor-plan?${query}`, bytes, { 'content-type': contentType });

  it('stores a PNG with its scale under the data folder, named by its SHA-256, and serves it back with its type', async () => {
    const { site } = await seedSite(t);
    expect((await t.call('GET', `/api/sites/${site.id}/floor-plan`)).json<{ code: string }>().code).toBe('E_FLOOR_PLAN_NONE');
    const response = await put(site.id, PNG, 'metresPerPixel=0.05&originX=-2&originY=30');
    expect(response.statusCode, response.body).toBe(200);
    const plan = response.json<FloorPlan>();
    expect(plan).toMatchObject({ siteId: site.id, mediaType: 'image/png', sizeBytes: PNG.length, sha256: sha256(PNG), metresPerPixel: 0.05, originX: -2, originY: 30 });
    expect(filesUnder(root())).toEqual([path.join(site.id, sha256(PNG))]);
    expect(readFileSync(path.join(root(), site.id, sha256(PNG)))).toEqual(PNG);
    expect((await t.call('GET', `/api/sites/${site.id}/floor-plan`)).json<FloorPlan>()).toEqual(plan);
    const image = await t.call('GET', `/api/sites/${site.id}/floor-plan/image`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.rawPayload).toEqual(PNG);
    const history = (await t.call('GET', `/api/history?entityType=floorPlan&entityId=${site.id}`)).json<{ action: string }[]>();
    expect(history.map((h) => h.action)).toEqual(['upload']);
  });

  it('takes the type from the magic bytes: a text file sent as an image is refused and nothing is stored', async () => {
    const { site } = await seedSite(t);
    const refused = await put(site.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'metresPerPixel=0.05');
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ code: string }>().code).toBe('E_FLOOR_PLAN_TYPE');
    expect(filesUnder(root())).toEqual([]);
    const jpeg = await put(site.id, JPEG, 'metresPerPixel=0.1');
    expect(jpeg.json<FloorPlan>().mediaType).toBe('image/jpeg');
  });

  it('refuses an image over the size limit, and a scale that is not positive', async () => {
    const { site } = await seedSite(t);
    const big = Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]);
    const response = await put(site.id, big, 'metresPerPixel=0.05');
    expect(response.statusCode).toBe(422);
    expect(response.json<{ code: string }>().code).toBe('E_FLOOR_PLAN_TOO_LARGE');
    expect(filesUnder(root())).toEqual([]);
    expect((await put(site.id, PNG, 'metresPerPixel=0')).statusCode).toBe(422);
    expect((await put(site.id, PNG, '')).statusCode).toBe(422);
  });

  it('replaces the image (the old file is removed) and changes the scale and origin alone', async () => {
    const { site } = await seedSite(t);
    await put(site.id, PNG, 'metresPerPixel=0.05');
    const replaced = (await put(site.id, JPEG, 'metresPerPixel=0.02')).json<FloorPlan>();
    expect(replaced).toMatchObject({ mediaType: 'image/jpeg', sha256: sha256(JPEG), metresPerPixel: 0.02 });
    expect(filesUnder(root())).toEqual([path.join(site.id, sha256(JPEG))]);
    const placed = await t.call('PATCH', `/api/sites/${site.id}/floor-plan`, { metresPerPixel: 0.025, originY: 12 });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json<FloorPlan>()).toMatchObject({ sha256: sha256(JPEG), metresPerPixel: 0.025, originX: 0, originY: 12 });
    const history = (await t.call('GET', `/api/history?entityType=floorPlan&entityId=${site.id}`)).json<{ action: string }[]>();
    expect(history.map((h) => h.action)).toEqual(['upload', 'replace', 'place']);
  });

  it('an unknown site is not found, and a crafted id reaches no other folder', async () => {
    expect((await put('site_missing', PNG, 'metresPerPixel=0.05')).json<{ code: string }>().code).toBe('E_NOT_FOUND');
    expect((await t.call('GET', `/api/sites/${encodeURIComponent('../x')}/floor-plan/image`)).statusCode).toBe(404);
    expect(filesUnder(t.dataDir).filter((f) => f.startsWith('floor-plans'))).toEqual([]);
  });

  it('keeps a sign position on the plan; a change that omits it leaves it', async () => {
    const { site } = await seedSite(t);
    const created = await t.call('POST', '/api/signs', { siteId: site.id, location: '二层入口', position: { x: 3.5, y: 7 } });
    expect(created.statusCode, created.body).toBe(201);
    const sign = created.json<{ id: string; position: unknown }>();
    expect(sign.position).toEqual({ x: 3.5, y: 7 });
    const changed = await t.call('PATCH', `/api/signs/${sign.id}`, { location: '二层入口外侧' });
    expect(changed.json<{ position: unknown }>().position).toEqual({ x: 3.5, y: 7 });
    const unplaced = await t.call('POST', '/api/signs', { siteId: site.id, location: '一层' });
    expect(unplaced.json<{ position: unknown }>().position).toBeNull();
  });
});
