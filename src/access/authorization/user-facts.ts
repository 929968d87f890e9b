import type { Db } from '../../db/connect.ts';
import type { PersonRecord } from '../personnel/person-model.ts';
import { personsRepository } from '../repositories.ts';

/** What authorisation needs to know of a user: kind, validity and the person record behind the account. */
export interface UserFacts {
  id: string;
  username: string;
  kind: string;
  unitId: string | null;
  validUntil: string | null;
  active: boolean;
  person: PersonRecord | undefined;
}

export async function loadUserFacts(db: Db, userId: string): Promise<UserFacts | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'kind', 'unitId', 'validUntil', 'active', 'personId'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const person = row.personId ? await personsRepository.get(db, row.personId) : undefined;
  return { ...row, active: Boolean(row.active), person: person?.active ? person : undefined };
}
