import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** REG-08-4: each device's audio pickup radius in metres (a microphone hears in every direction); 5 unless set. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cameras')
    .addColumn('audio_pickup_radius_m', 'double precision', (c) => c.notNull().defaultTo(5))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cameras').dropColumn('audio_pickup_radius_m').execute();
}
