/** What a new account needs: a unit that exists and, for a contractor, a live commission and a signed undertaking (REG-19-1). */
import type { Db } from '../../db/connect.ts';
import type { PersonsTable } from '../../db/access-tables.ts';
import { ConflictError, InvalidError } from '../../shared/errors.ts';
import { legalDateOf, startOfLegalDay, addDays } from '../../shared/legal-time.ts';
import { usersRepository } from './users-repository.ts';

export async function requireUnit(db: Db, unitId: string): Promise<void> {
  const unit = await db.selectFrom('units').select(['id', 'active']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.active !== 1) {
    throw new InvalidError('E_UNIT_UNKNOWN', {
      message: { zh: `单位 ${unitId} 不存在或已停用`, en: `Unit ${unitId} does not exist or is inactive` },
      details: { field: 'unitId', unitId },
    });
  }
}

export async function requireUsernameFree(db: Db, username: string): Promise<void> {
  if (await usersRepository.byUsername(db, username)) {
    throw new ConflictError('E_USERNAME_TAKEN', {
      message: { zh: `用户名"${username}"已被使用`, en: `The username "${username}" is taken` },
      details: { field: 'username' },
    });
  }
}

export async function requirePerson(db: Db, personId: string, unitId: string | null): Promise<PersonsTable> {
  const person = await usersRepository.person(db, personId);
  if (!person || (unitId !== null && person.unitId !== unitId)) {
    throw new InvalidError('E_PERSON_UNKNOWN', {
      message: { zh: `本单位没有人员记录 ${personId}`, en: `No person record ${personId} in this unit` },
      details: { field: 'personId', personId },
    });
  }
  return person;
}

/**
 * REG-19-1: a contractor's account rests on a commission of its unit that is in force today and on the
 * person's signed confidentiality undertaking. Returns the commission and the end of its last day (the
 * account's valid_until, REG-19-2).
 */
export async function contractorBasis(
  db: Db,
  input: { unitId: string; personId?: string | null; commissionId?: string | null },
  now: Date,
): Promise<{ commissionId: string; validUntil: string }> {
  const today = legalDateOf(now);
  const live = (await usersRepository.commissionsOf(db, input.unitId)).filter(
    (c) => c.validFrom <= today && today <= c.validTo && (!input.commissionId || c.id === input.commissionId),
  );
  const commission = live[0];
  if (!commission) {
    throw new InvalidError('E_COMMISSION_REQUIRED', {
      article: '19',
      message: {
        zh: '受托单位人员的账户须以该单位现行有效的委托为依据',
        en: "A contractor's account needs a commission of the contractor's unit that is in force today",
      },
      details: { field: 'commissionId', unitId: input.unitId },
    });
  }
  const person = input.personId ? await requirePerson(db, input.personId, input.unitId) : undefined;
  if (!person?.contractorUndertakingAt) {
    throw new InvalidError('E_CONFIDENTIALITY_UNDERTAKING_REQUIRED', {
      article: '19',
      message: {
        zh: '受托单位人员须签署个人保密承诺书后方可开通账户',
        en: "A contractor's staff member must sign a personal confidentiality undertaking before an account is opened",
      },
      details: { field: 'personId', requirement: 'REG-19-1' },
    });
  }
  return { commissionId: commission.id, validUntil: startOfLegalDay(addDays(commission.validTo, 1)).toISOString() };
}

/**
 * A unit that works under a commission of another unit is a contractor's unit: its people sign in as
 * CONTRACTOR, on that commission, never as STAFF with no end date and no contractor limits (art. 19).
 */
export async function requireKindFitsUnit(db: Db, unitId: string, kind: 'STAFF' | 'CONTRACTOR'): Promise<void> {
  if (kind !== 'STAFF' || (await usersRepository.commissionsOf(db, unitId)).length === 0) return;
  throw new InvalidError('E_CONTRACTOR_ACCOUNT_REQUIRED', {
    article: '19',
    message: {
      zh: '受托单位人员的账户须为受托人员账户(kind: CONTRACTOR),并以现行有效的委托为依据',
      en: "Accounts in a contractor's unit must be contractor accounts (kind: CONTRACTOR) resting on a commission in force",
    },
    details: { field: 'kind', unitId, requirement: 'REG-19-2' },
  });
}
