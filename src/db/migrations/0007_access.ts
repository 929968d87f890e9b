/**
 * Access (art. 16, art. 19): accounts and sign-in, roles and grants, personnel prerequisites, duty
 * shifts, export requests, the access register, and the hash chain over the administration history.
 * The register and the history are append-only: the database itself refuses UPDATE and DELETE.
 */
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

function withTimestamps<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

const GENESIS = '0'.repeat(64);

/**
 * The built-in roles (REG-16-2, REG-16-3, REG-16-4, REG-19-2), as shipped. Units copy and change them;
 * the built-in rows themselves stay as they are.
 */
const BUILT_IN_ROLES = [
  { key: 'ADMINISTRATOR', name: '系统管理员', nameEn: 'Administrator', actions: ['LIVE', 'PLAYBACK', 'EXPORT', 'REDACT', 'PTZ', 'CONFIG', 'APPROVE', 'AUDIT'], importantPosition: true, playbackDepthHours: null },
  { key: 'MONITOR_OPERATOR', name: '监看值班员', nameEn: 'Monitor operator', actions: ['LIVE', 'PLAYBACK', 'PTZ'], importantPosition: true, playbackDepthHours: 24 },
  { key: 'INVESTIGATOR', name: '调查员', nameEn: 'Investigator', actions: ['LIVE', 'PLAYBACK', 'EXPORT', 'REDACT'], importantPosition: true, playbackDepthHours: null },
  { key: 'AUDITOR', name: '审计员', nameEn: 'Auditor', actions: ['AUDIT'], importantPosition: false, playbackDepthHours: null },
  { key: 'CONTRACTOR', name: '受托维护人员', nameEn: 'Contractor', actions: ['CONFIG', 'LIVE'], importantPosition: false, playbackDepthHours: 1 },
  { key: 'LIAISON', name: '调取联络员', nameEn: 'Liaison', actions: ['PLAYBACK', 'EXPORT', 'REDACT'], importantPosition: true, playbackDepthHours: null },
  { key: 'INSPECTOR', name: '公安检查人员', nameEn: 'Inspector', actions: [], importantPosition: false, playbackDepthHours: null },
] as const;

/** Kept in step with src/ledger/hash-chain.ts (a migration must not change when the code does). */
function historyEntryHash(prevHash: string, row: Record<string, unknown>): string {
  // Rows arrive in camelCase where the connection maps names (CamelCasePlugin), snake_case otherwise.
  const fields = ['seq', 'entity_type', 'entity_id', 'action', 'actor', 'at', 'before', 'after', 'reason'];
  const value = (f: string) => (row[f] ?? row[f.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] ?? null) as string | number | null;
  const canonical = JSON.stringify(fields.map((f) => (value(f) === null ? null : String(value(f)))));
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

async function appendOnly(db: Kysely<any>, table: string, code: string, isPostgres: boolean): Promise<void> {
  if (isPostgres) {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${code}: ${table} is append-only'; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`).execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${code}: ${table} is append-only'); END`)
      .execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = isPostgres ? 'bigint' : 'integer';

  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null only for the person behind a first administrator set up before any unit exists (as users.unit_id).
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_document', 'text')
    .addColumn('position', 'text')
    .addColumn('entry_vetting_at', 'text')
    .addColumn('confidentiality_education_at', 'text')
    .addColumn('job_training_at', 'text')
    .addColumn('confidentiality_agreement_at', 'text')
    .addColumn('confidentiality_agreement_ref', 'text')
    // REG-19-1: a contractor's staff sign a personal confidentiality undertaking.
    .addColumn('contractor_undertaking_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(withTimestamps)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    // 单位: the unit the user acts for; null only for a first administrator set up before any unit exists.
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('commission_id', 'text', (c) => c.references('commissions.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(withTimestamps)
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie value: a stolen database does not yield live sessions.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('client_address', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Built-in roles have a key (ADMINISTRATOR, MONITOR_OPERATOR...); copies made by a unit have none.
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('important_position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('require_totp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('playback_depth_hours', 'integer')
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('copied_from', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(withTimestamps)
    .execute();

  const now = new Date().toISOString();
  await db
    .insertInto('roles')
    .values(
      BUILT_IN_ROLES.map((role) => ({
        id: `role-${role.key.toLowerCase().replaceAll('_', '-')}`,
        key: role.key,
        unit_id: null,
        name: role.name,
        name_en: role.nameEn,
        actions: JSON.stringify(role.actions),
        important_position: role.importantPosition ? 1 : 0,
        require_totp: 0,
        playback_depth_hours: role.playbackDepthHours,
        built_in: 1,
        copied_from: null,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('camera_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('camera_ids', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(withTimestamps)
    .execute();

  await db.schema
    .createTable('grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    // ALL | SITE | CAMERA_GROUP | CAMERA
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text')
    // PENDING | ACTIVE | REJECTED | REVOKED
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('grants_user_idx').on('grants').columns(['user_id', 'status']).execute();

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('camera_group_id', 'text', (c) => c.notNull().references('camera_groups.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .$call(withTimestamps)
    .execute();

  await db.schema
    .createTable('export_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('camera_ids', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    .addColumn('reason_category', 'text', (c) => c.notNull())
    .addColumn('reason_text', 'text', (c) => c.notNull())
    .addColumn('basis_type', 'text')
    .addColumn('basis_ref', 'text')
    // PENDING | APPROVED | REJECTED | USED
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // REG-16-5: one entry per access, written before the first byte of video; CLOSE entries record the end.
  await db.schema
    .createTable('access_register')
    .addColumn('seq', serial, (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    // ACCESS | CLOSE | DENIAL
    .addColumn('kind', 'text', (c) => c.notNull())
    // PLAYBACK | SNAPSHOT | EXPORT | LIVE_ADHOC | LIVE_DUTY | PTZ | API_RETRIEVAL
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason_category', 'text', (c) => c.notNull())
    .addColumn('reason_text', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('camera_ids', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_unit_id', 'text')
    .addColumn('actor_unit_name', 'text', (c) => c.notNull())
    .addColumn('actor_id_document', 'text')
    .addColumn('approver_user_id', 'text')
    .addColumn('approver_name', 'text')
    .addColumn('basis_type', 'text')
    .addColumn('basis_ref', 'text')
    .addColumn('shift_id', 'text')
    .addColumn('client_address', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('refers_to', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_register_at_idx').on('access_register').column('at').execute();
  await db.schema.createIndex('access_register_actor_idx').on('access_register').columns(['actor_user_id', 'at']).execute();
  await appendOnly(db, 'access_register', 'E_REGISTER_IMMUTABLE', isPostgres);

  // The administration history becomes a hash chain too (issue: who changed which camera, grant,
  // retention or user). Rows written before this migration are chained now, in seq order.
  await db.schema.alterTable('history').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('history').addColumn('entry_hash', 'text').execute();
  const rows = await db.selectFrom('history').selectAll().orderBy('seq').execute();
  let prev = GENESIS;
  for (const row of rows as Record<string, unknown>[]) {
    const hash = historyEntryHash(prev, row);
    await db.updateTable('history').set({ prev_hash: prev, entry_hash: hash }).where('seq', '=', row.seq).execute();
    prev = hash;
  }
  await appendOnly(db, 'history', 'E_HISTORY_IMMUTABLE', isPostgres);
}

export async function down(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of ['history', 'access_register']) {
    if (isPostgres) {
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION IF EXISTS ${table}_append_only()`).execute(db);
    } else {
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_update`).execute(db);
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_delete`).execute(db);
    }
  }
  await db.schema.alterTable('history').dropColumn('entry_hash').execute();
  await db.schema.alterTable('history').dropColumn('prev_hash').execute();
  for (const table of [
    'access_register',
    'export_requests',
    'duty_shifts',
    'grants',
    'camera_groups',
    'roles',
    'server_secrets',
    'setup_tokens',
    'api_tokens',
    'sessions',
    'users',
    'persons',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
