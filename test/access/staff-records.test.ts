/** Staff records without twins (REG-16-2) and accounts moved to the unit they work for. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { created, unitBody } from '../support/fixtures.ts';

const PASSWORD = 'a long enough passphrase';

describe.each(DIALECTS)('staff records and account units (%s)', (dialect) => {
  let t: TestApp;
  let unitId: string;
  let otherUnitId: string;
  beforeEach(async () => {
    t = await openTestApp(dialect);
    unitId = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '某商场管理有限公司' }))).id;
    otherUnitId = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '某物业服务有限公司', uscc: null, unitType: 'INDIVIDUAL' }))).id;
  });
  afterEach(async () => t.close());

  it('REG-16-2: refuses a second active record with the same ID-document number in a unit (409 E_PERSON_DUPLICATE)', async () => {
    const first = await created<{ id: string }>(t, '/api/persons', { unitId, name: '王伟', idDocument: '330106199001011234' });
    const twin = await t.call('POST', '/api/persons', { unitId, name: '王 伟', idDocument: '330106199001011234' });
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toMatchObject({ code: 'E_PERSON_DUPLICATE', details: { field: 'idDocument', personId: first.id } });
    // Another unit may keep its own record of the same person; two people of the same name are two records.
    await created(t, '/api/persons', { unitId: otherUnitId, name: '王伟', idDocument: '330106199001011234' });
    const namesake = await created<{ id: string }>(t, '/api/persons', { unitId, name: '王伟', idDocument: null });
    const edited = await t.call('PATCH', `/api/persons/${namesake.id}`, { idDocument: '330106199001011234' });
    expect(edited.json().code).toBe('E_PERSON_DUPLICATE');
    // Once the first record is deactivated, the number is free again.
    expect((await t.call('POST', `/api/persons/${first.id}/deactivate`)).statusCode).toBe(200);
    expect((await t.call('PATCH', `/api/persons/${namesake.id}`, { idDocument: '330106199001011234' })).statusCode).toBe(200);
  });

  it('moves an account to another unit (recorded in its history); an unknown unit or a contractor unit is refused', async () => {
    const user = await created<{ id: string }>(t, '/api/users', { username: 'li.si', displayName: '李四', password: PASSWORD, unitId });
    const moved = await t.call('PATCH', `/api/users/${user.id}`, { unitId: otherUnitId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().unitId).toBe(otherUnitId);
    const history = (await t.call('GET', `/api/users/${user.id}/history`)).json<{ action: string; before: { unitId: string }; after: { unitId: string } }[]>();
    expect(history.at(-1)).toMatchObject({ action: 'update', before: { unitId }, after: { unitId: otherUnitId } });
    expect((await t.call('PATCH', `/api/users/${user.id}`, { unitId: 'unit_missing' })).json().code).toBe('E_UNIT_UNKNOWN');
    await created(t, '/api/commissions', { contractorUnitId: unitId, principalUnitId: otherUnitId, scope: ['MAINTENANCE'], validFrom: '2025-01-01', validTo: '2025-06-30' });
    const intoContractor = await t.call('PATCH', `/api/users/${user.id}`, { unitId });
    expect(intoContractor.json()).toMatchObject({ code: 'E_CONTRACTOR_ACCOUNT_REQUIRED', article: '19' });
    // A staff record of another unit does not follow the account.
    const person = await created<{ id: string }>(t, '/api/persons', { unitId: otherUnitId, name: '李四' });
    expect((await t.call('PATCH', `/api/users/${user.id}`, { personId: person.id })).statusCode).toBe(200);
    const third = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '第三单位', uscc: null, unitType: 'INDIVIDUAL' }))).id;
    expect((await t.call('PATCH', `/api/users/${user.id}`, { unitId: third })).json().code).toBe('E_PERSON_UNKNOWN');
  });
});
