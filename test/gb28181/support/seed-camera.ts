/** A unit, site and camera row straight into the database (only the columns the schema requires). */
import { sql } from 'kysely';
import type { Db } from '../../../src/db/connect.ts';

export async function seedCamera(db: Db, id = 'cam-gb-1'): Promise<string> {
  const at = '2026-12-01T00:00:00.000Z';
  await sql`insert into units (id, name, unit_type, address, legal_representative, contact_name, contact_phone, responsible_persons, active, created_at, updated_at)
    values ('unit-gb', 'Unit', 'ENTERPRISE', 'addr', 'rep', 'contact', '1', 1, 1, ${at}, ${at})`.execute(db);
  await sql`insert into sites (id, unit_id, name, address, admin_division_code, place_category, storage_period_days, networked_to_psb, recorder_count, active, created_at, updated_at)
    values ('site-gb', 'unit-gb', 'Site', 'addr', '340200', 'OTHER', 30, 0, 1, 1, ${at}, ${at})`.execute(db);
  await sql`insert into cameras (id, site_id, name, device_type, masks, necessity, placement_rationale, retention_days, audio_enabled, status, created_at, updated_at)
    values (${id}, 'site-gb', 'Gate', 'BULLET', '[]', 'n', 'p', 30, 0, 'PLANNED', ${at}, ${at})`.execute(db);
  return id;
}
