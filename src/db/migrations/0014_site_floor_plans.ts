import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A site's floor plan: the image (stored under `<dataDir>/floor-plans/<siteId>/`, named by its
 * SHA-256) and its scale and origin, which place it on the site plan in metres.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_floor_plans')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('metres_per_pixel', 'double precision', (c) => c.notNull())
    .addColumn('origin_x', 'double precision', (c) => c.notNull())
    .addColumn('origin_y', 'double precision', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_floor_plans').execute();
}
