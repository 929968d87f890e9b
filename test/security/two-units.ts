/** Test-only: two units, each with a site and cameras, and helpers to act over HTTP as a given user. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { DbDialect } from '../../src/db/connect.ts';
import { builtInRoleId, type BuiltInRoleKey } from '../../src/access/built-in-roles.ts';
import type { Action } from '../../src/access/actions.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { makeUser, type TestGrant, type TestUser } from '../support/access.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';

export interface TwoUnits {
  t: TestApp;
  unitA: string;
  siteA: string;
  camA1: string;
  camA2: string;
  unitB: string;
  siteB: string;
  camB1: string;
}

export async function openTwoUnits(dialect: DbDialect): Promise<TwoUnits> {
  const t = await openTestApp(dialect, { at: '2025-06-01T02:00:00Z' });
  const unitA = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '甲单位' }))).id;
  const unitB = (await created<{ id: string }>(t, '/api/units', unitBody({ name: '乙单位', uscc: null, unitType: 'INDIVIDUAL' }))).id;
  const siteA = (await created<{ id: string }>(t, '/api/sites', siteBody(unitA, { name: '甲场所' }))).id;
  const siteB = (await created<{ id: string }>(t, '/api/sites', siteBody(unitB, { name: '乙场所' }))).id;
  const camera = async (siteId: string, unitId: string, name: string, x: number) =>
    (await created<{ id: string }>(t, '/api/cameras', cameraBody(siteId, unitId, { name, position: { x, y: 5 } }))).id;
  return {
    t,
    unitA,
    siteA,
    camA1: await camera(siteA, unitA, 'A1', 15),
    camA2: await camera(siteA, unitA, 'A2', 16),
    unitB,
    siteB,
    camB1: await camera(siteB, unitB, 'B1', 15),
  };
}

export type Caller = (method: string, url: string, body?: unknown) => Promise<LightMyRequestResponse>;

/** A staff user of `unitId` with these grants, and a caller that sends their API token. */
export async function actor(w: TwoUnits, unitId: string, grants: TestGrant[]): Promise<TestUser & { call: Caller }> {
  const user = await makeUser(w.t, { unitId, grants });
  const headers = await w.t.tokenHeaders(user.userId);
  return { ...user, call: (method, url, body) => w.t.call(method, url, body, headers) };
}

/** A unit-owned copy of a built-in role with exactly these actions (set up directly: the fixture, not the attack). */
export async function roleWith(w: TwoUnits, unitId: string, actions: Action[], from: BuiltInRoleKey = 'AUDITOR'): Promise<{ roleId: string }> {
  const role = await w.t.services.roles.create({ copyOf: builtInRoleId(from), unitId, name: `仅${actions.join('+')}` }, { name: 'fixture' });
  await w.t.services.roles.update(role.id, { actions }, { name: 'fixture' });
  return { roleId: role.id };
}

/** The refusal: its HTTP status and stable code. */
export function refused(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json<{ code: string }>().code).toBe(code);
}
