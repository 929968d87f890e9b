/**
 * Issue 10, attack 1: AUDIT over one camera read every unit's register entries and the whole
 * administration history. Over real HTTP: an auditor reads only what lies within their AUDIT reach,
 * and the chain verifications (which read everything) need AUDIT over ALL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/access/principal.ts';
import { pdfPagesText } from '../filing/pdf-text.ts';
import { DIALECTS } from '../support/db.ts';
import { makeUser } from '../support/access.ts';
import { actor, openTwoUnits, refused, type TwoUnits } from './two-units.ts';

const RANGE = { from: '2025-05-01T02:00:00.000Z', to: '2025-05-01T02:30:00.000Z' };

describe.each(DIALECTS)('scoped audit (%s)', (dialect) => {
  let w: TwoUnits;
  let entries: { a1: string; b1: string; both: string };

  /** A DENIAL entry naming these cameras (written by the register itself, as a refused playback would be). */
  async function entry(principal: Principal, cameraIds: string[]): Promise<string> {
    const content = { cameraIds, ranges: cameraIds.map((cameraId) => ({ cameraId, ...RANGE })), operation: 'PLAYBACK' as const };
    return (await w.t.services.register.deny(principal, { operation: 'PLAYBACK', content, error: { code: 'E_NO_CAMERA_PERMISSION' } })).id;
  }

  beforeEach(async () => {
    w = await openTwoUnits(dialect);
    const someone = await makeUser(w.t, { unitId: w.unitA });
    entries = { a1: await entry(someone.principal, [w.camA1]), b1: await entry(someone.principal, [w.camB1]), both: await entry(someone.principal, [w.camA1, w.camB1]) };
    // History about each unit's cameras beyond the registry itself.
    await w.t.services.retention.holds.create({ basisType: 'INCIDENT', citation: 'INC-A', owner: '甲', ranges: [{ cameraId: w.camA1 }] }, { name: 'fixture' });
    await w.t.services.retention.holds.create({ basisType: 'INCIDENT', citation: 'INC-B', owner: '乙', ranges: [{ cameraId: w.camB1 }] }, { name: 'fixture' });
  });
  afterEach(async () => w.t.close());

  it('REG-16-3: AUDIT over one camera searches, exports (CSV, PDF) and reads only the register entries of that camera', async () => {
    const auditor = await actor(w, w.unitA, [{ role: 'AUDITOR', scope: { type: 'CAMERA', id: w.camA1 } }]);
    const found = (await auditor.call('GET', '/api/register?limit=100')).json<{ total: number; entries: { id: string }[] }>();
    expect(found.entries.map((e) => e.id)).toEqual([entries.a1]);
    expect(found.total).toBe(1);
    // Asking for the other unit's camera by name finds nothing.
    expect((await auditor.call('GET', `/api/register?cameraId=${w.camB1}`)).json<{ total: number }>().total).toBe(0);
    refused(await auditor.call('GET', `/api/register/${entries.b1}`), 404, 'E_REGISTER_ENTRY_NOT_FOUND');
    refused(await auditor.call('GET', `/api/register/${entries.both}`), 404, 'E_REGISTER_ENTRY_NOT_FOUND');
    expect((await auditor.call('GET', `/api/register/${entries.a1}`)).statusCode).toBe(200);

    const csv = await auditor.call('GET', '/api/register/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(entries.a1);
    expect(csv.body).not.toContain(entries.b1);
    expect(csv.body).not.toContain(entries.both);
    expect(csv.body).not.toContain(w.camB1);

    const pdf = await auditor.call('GET', '/api/register/export.pdf');
    expect(pdf.statusCode).toBe(200);
    expect((await pdfPagesText(pdf.rawPayload)).join('\n')).toContain('共 1 条');
    // AUDIT over ALL reads all three.
    const everything = await actor(w, w.unitA, [{ role: 'AUDITOR' }]);
    expect((await everything.call('GET', '/api/register')).json<{ total: number }>().total).toBe(3);
    expect((await pdfPagesText((await everything.call('GET', '/api/register/export.pdf')).rawPayload)).join('\n')).toContain('共 3 条');
  });

  it("AUDIT over unit A reads unit A's register entries, never one that also names unit B's camera", async () => {
    const auditor = await actor(w, w.unitA, [{ role: 'AUDITOR', scope: { type: 'UNIT', id: w.unitA } }]);
    const found = (await auditor.call('GET', '/api/register')).json<{ entries: { id: string }[] }>();
    expect(found.entries.map((e) => e.id)).toEqual([entries.a1]);
  });

  it('AUDIT over one camera lists only the administration history of that camera, not the units, sites, people, grants or the other unit', async () => {
    const auditor = await actor(w, w.unitA, [{ role: 'AUDITOR', scope: { type: 'CAMERA', id: w.camA1 } }]);
    const response = await auditor.call('GET', '/api/history');
    expect(response.statusCode).toBe(200);
    const history = response.json<{ entityType: string; entityId: string; after: { citation?: string } | null }[]>();
    expect(history.some((h) => h.entityType === 'camera' && h.entityId === w.camA1)).toBe(true);
    expect(history.some((h) => h.entityType === 'retention_hold' && h.after?.citation === 'INC-A')).toBe(true);
    const seen = new Set(history.map((h) => h.entityId));
    for (const hidden of [w.unitA, w.unitB, w.siteA, w.siteB, w.camA2, w.camB1]) expect(seen.has(hidden)).toBe(false);
    expect(history.filter((h) => ['unit', 'site', 'person', 'user', 'grant', 'role'].includes(h.entityType))).toEqual([]);
    expect(history.some((h) => h.after?.citation === 'INC-B')).toBe(false);
    // The whole history is there for AUDIT over ALL.
    const everything = await actor(w, w.unitA, [{ role: 'AUDITOR' }]);
    const all = (await everything.call('GET', '/api/history')).json<{ entityId: string }[]>();
    expect(all.map((h) => h.entityId)).toEqual(expect.arrayContaining([w.unitA, w.unitB, w.siteB, w.camB1]));
  });

  it("AUDIT over unit A reads unit A's units, sites, cameras and people in the history, none of unit B's", async () => {
    const auditor = await actor(w, w.unitA, [{ role: 'AUDITOR', scope: { type: 'UNIT', id: w.unitA } }]);
    await makeUser(w.t, { unitId: w.unitB });
    const people = (await auditor.call('GET', '/api/history?entityType=person')).json<{ after: { unitId: string } }[]>();
    expect(people.length).toBeGreaterThan(0);
    const later = (await auditor.call('GET', '/api/history')).json<{ entityId: string; after: { unitId?: string } | null }[]>();
    expect(later.map((h) => h.entityId)).toEqual(expect.arrayContaining([w.unitA, w.siteA, w.camA1, w.camA2]));
    for (const hidden of [w.unitB, w.siteB, w.camB1]) expect(later.map((h) => h.entityId)).not.toContain(hidden);
    expect(later.every((h) => h.after?.unitId === undefined || h.after.unitId === w.unitA)).toBe(true);
    expect(people.every((h) => h.after.unitId === w.unitA)).toBe(true);
  });

  it('chain verification reads everything: AUDIT over one camera or one unit is refused (E_OUT_OF_SCOPE), AUDIT over ALL verifies', async () => {
    for (const scope of [{ type: 'CAMERA' as const, id: w.camA1 }, { type: 'UNIT' as const, id: w.unitA }]) {
      const auditor = await actor(w, w.unitA, [{ role: 'AUDITOR', scope }]);
      refused(await auditor.call('GET', '/api/register/verify'), 403, 'E_OUT_OF_SCOPE');
      refused(await auditor.call('GET', '/api/history/verify'), 403, 'E_OUT_OF_SCOPE');
    }
    const everything = await actor(w, w.unitA, [{ role: 'AUDITOR' }]);
    expect((await everything.call('GET', '/api/register/verify')).json()).toMatchObject({ ok: true, entries: 3 });
    expect((await everything.call('GET', '/api/history/verify')).json()).toMatchObject({ ok: true });
  });
});
