/**
 * Administration becomes its own scoped action (ADMINISTER) instead of "CONFIG over ALL": the built-in
 * administrator role, and the unit copies made from it, carry it. Grants gain the UNIT scope (text
 * column, no schema change).
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

const ADMINISTRATOR = 'role-administrator';

async function rolesToChange(db: Kysely<any>): Promise<{ id: string; actions: string }[]> {
  return db
    .selectFrom('roles')
    .select(['id', 'actions'])
    .where((eb) => eb.or([eb('id', '=', ADMINISTRATOR), eb('copied_from', '=', ADMINISTRATOR)]))
    .execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const role of await rolesToChange(db)) {
    const actions = JSON.parse(role.actions) as string[];
    if (!actions.includes('ADMINISTER')) actions.push('ADMINISTER');
    await db.updateTable('roles').set({ actions: JSON.stringify(actions) }).where('id', '=', role.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const role of await rolesToChange(db)) {
    const actions = (JSON.parse(role.actions) as string[]).filter((a) => a !== 'ADMINISTER');
    await db.updateTable('roles').set({ actions: JSON.stringify(actions) }).where('id', '=', role.id).execute();
  }
}
