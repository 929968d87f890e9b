/** Keys the server keeps in its own database (server_secrets), made on first use. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';

/** The named secret, created (32 random bytes, hex) the first time anyone asks; concurrent first uses agree. */
export async function serverSecret(db: Db, name: string, now: Date): Promise<Buffer> {
  const existing = await db.selectFrom('serverSecrets').select('value').where('name', '=', name).executeTakeFirst();
  if (existing) return Buffer.from(existing.value, 'hex');
  await db
    .insertInto('serverSecrets')
    .values({ name, value: randomBytes(32).toString('hex'), createdAt: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('serverSecrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'hex');
}
