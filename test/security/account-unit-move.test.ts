/** An administrator of one unit moves no account into, or out of, a unit beyond their reach (ADMINISTER is scoped). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { makeUser } from '../support/access.ts';
import { actor, openTwoUnits, refused, roleWith, type TwoUnits } from './two-units.ts';

describe.each(DIALECTS)('moving accounts between units (%s)', (dialect) => {
  let w: TwoUnits;
  beforeEach(async () => {
    w = await openTwoUnits(dialect);
  });
  afterEach(async () => w.t.close());

  it('REG-16-3: ADMINISTER over unit A moves neither an account of A into B, nor one of B into A, nor itself into B', async () => {
    const admin = await actor(w, w.unitA, [{ role: await roleWith(w, w.unitA, ['ADMINISTER']), scope: { type: 'UNIT', id: w.unitA } }]);
    const ofA = await makeUser(w.t, { unitId: w.unitA });
    const ofB = await makeUser(w.t, { unitId: w.unitB });
    refused(await admin.call('PATCH', `/api/users/${ofA.userId}`, { unitId: w.unitB }), 403, 'E_OUT_OF_SCOPE');
    const intoA = await admin.call('PATCH', `/api/users/${ofB.userId}`, { unitId: w.unitA });
    expect([403, 404]).toContain(intoA.statusCode);
    refused(await admin.call('PATCH', `/api/users/${admin.userId}`, { unitId: w.unitB }), 403, 'E_OUT_OF_SCOPE');
    const units = async (id: string) => (await w.t.services.users.get(id)).unitId;
    expect([await units(ofA.userId), await units(ofB.userId), await units(admin.userId)]).toEqual([w.unitA, w.unitB, w.unitA]);
    // Within the unit it administers, the change goes through.
    const renamed = await admin.call('PATCH', `/api/users/${ofA.userId}`, { unitId: w.unitA, displayName: '改名' });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });
});
