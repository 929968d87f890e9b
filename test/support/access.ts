/**
 * Users with roles for access tests: a user row, a person record with the prerequisites of important
 * positions (unless told otherwise), and ACTIVE grants, set up directly so that each test states only
 * what it is about. The grant workflow itself is tested through the API.
 */
import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.ts';
import type { Principal } from '../../src/access/principal.ts';
import type { TokenScope } from '../../src/access/actions.ts';
import { builtInRoleId, type BuiltInRoleKey } from '../../src/access/built-in-roles.ts';
import { newId } from '../../src/shared/ids.ts';

export interface Prerequisites {
  entryVettingAt: string | null;
  confidentialityEducationAt: string | null;
  jobTrainingAt: string | null;
  confidentialityAgreementAt: string | null;
}

export const ALL_PREREQUISITES: Prerequisites = {
  entryVettingAt: '2024-01-01',
  confidentialityEducationAt: '2024-01-01',
  jobTrainingAt: '2025-01-01',
  confidentialityAgreementAt: '2024-01-01',
};

export interface TestGrant {
  role: BuiltInRoleKey | { roleId: string };
  scope?: { type: 'ALL' } | { type: 'UNIT' | 'SITE' | 'CAMERA_GROUP' | 'CAMERA'; id: string };
  validTo?: string;
}

export interface TestUserOptions {
  username?: string;
  displayName?: string;
  unitId?: string | null;
  kind?: 'STAFF' | 'CONTRACTOR';
  commissionId?: string | null;
  validUntil?: string | null;
  /** The person's prerequisite dates; null for no person record at all. */
  person?: Partial<Prerequisites> & { contractorUndertakingAt?: string | null; unitId?: string } | null;
  grants?: TestGrant[];
  tokenScopes?: TokenScope[];
}

export interface TestUser {
  userId: string;
  personId: string | null;
  principal: Principal;
}

export async function makeUser(t: TestApp, options: TestUserOptions = {}): Promise<TestUser> {
  const now = t.clock.now().toISOString();
  const username = options.username ?? `u_${randomBytes(4).toString('hex')}`;
  const unitId = options.unitId ?? null;
  let personId: string | null = null;
  if (options.person !== null) {
    const personUnit = options.person?.unitId ?? unitId;
    if (personUnit) {
      const person = await t.services.persons.create(
        { unitId: personUnit, name: options.displayName ?? username, ...ALL_PREREQUISITES, ...(options.person ?? {}) },
        { name: 'fixture' },
      );
      personId = person.id;
    } else {
      personId = newId('psn');
      // A person needs a unit; a user without one (a first administrator) gets a unit-less person row.
      await t.db.db
        .insertInto('persons')
        .values({
          id: personId,
          unitId: await anyUnit(t),
          name: options.displayName ?? username,
          idDocument: null,
          position: null,
          confidentialityAgreementRef: null,
          contractorUndertakingAt: options.person?.contractorUndertakingAt ?? null,
          ...ALL_PREREQUISITES,
          ...(options.person ?? {}),
          active: 1,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
    }
  }
  const userId = newId('usr');
  await t.db.db
    .insertInto('users')
    .values({
      id: userId,
      username,
      displayName: options.displayName ?? username,
      unitId,
      personId,
      kind: options.kind ?? 'STAFF',
      commissionId: options.commissionId ?? null,
      passwordHash: '!fixture-no-login',
      passwordChangedAt: now,
      totpSecret: null,
      totpEnabled: 0,
      failedLogins: 0,
      lockedUntil: null,
      validUntil: options.validUntil ?? null,
      active: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  for (const grant of options.grants ?? []) {
    const scope = grant.scope ?? { type: 'ALL' };
    await t.db.db
      .insertInto('grants')
      .values({
        id: newId('grant'),
        userId,
        roleId: typeof grant.role === 'string' ? builtInRoleId(grant.role) : grant.role.roleId,
        scopeType: scope.type,
        scopeId: scope.type === 'ALL' ? null : scope.id,
        status: 'ACTIVE',
        validFrom: '2000-01-01T00:00:00.000Z',
        validTo: grant.validTo ?? null,
        reason: 'test fixture',
        requestedBy: 'fixture',
        requestedAt: now,
        decidedBy: 'fixture-approver',
        decidedAt: now,
        decisionNote: null,
        revokedBy: null,
        revokedAt: null,
      })
      .execute();
  }
  const unitName = unitId ? ((await t.db.db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())?.name ?? '') : '未指定单位';
  return {
    userId,
    personId,
    principal: {
      userId,
      username,
      displayName: options.displayName ?? username,
      unitId,
      unitName,
      kind: options.kind ?? 'STAFF',
      via: options.tokenScopes ? 'token' : 'session',
      ...(options.tokenScopes ? { tokenScopes: options.tokenScopes } : {}),
      clientAddress: '127.0.0.1',
    },
  };
}

async function anyUnit(t: TestApp): Promise<string> {
  const unit = await t.db.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (!unit) throw new Error('makeUser: create a unit first (a person record belongs to a unit)');
  return unit.id;
}
