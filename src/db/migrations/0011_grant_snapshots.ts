/**
 * Approvals bind what was approved (issue 10): a grant keeps the role definition and, for a camera
 * group, the camera ids it was approved with; a change to the role or the group suspends it until a
 * second person approves again. Credential resets of privileged users wait for a second administrator.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The columns the snapshot reads, as the connection's CamelCasePlugin names them. */
interface SnapshotTables {
  grants: { id: string; roleId: string; scopeType: string; scopeId: string | null; status: string; approvedRole: string | null; scopeCameraIds: string | null };
  roles: { id: string; actions: string; importantPosition: number; requireTotp: number; playbackDepthHours: number | null };
  cameraGroups: { id: string; cameraIds: string; active: number };
}

/** Grants in force before this migration were approved with the role and group as they are now. */
async function snapshotGrantsInForce(db: Kysely<SnapshotTables>): Promise<void> {
  const grants = await db.selectFrom('grants').select(['id', 'roleId', 'scopeType', 'scopeId']).where('status', '=', 'ACTIVE').execute();
  for (const grant of grants) {
    const role = await db.selectFrom('roles').selectAll().where('id', '=', grant.roleId).executeTakeFirst();
    if (!role) continue;
    const approvedRole = JSON.stringify({
      actions: JSON.parse(role.actions) as string[],
      importantPosition: Number(role.importantPosition) === 1,
      requireTotp: Number(role.requireTotp) === 1,
      playbackDepthHours: role.playbackDepthHours === null ? null : Number(role.playbackDepthHours),
    });
    let scopeCameraIds: string | null = null;
    if (grant.scopeType === 'CAMERA_GROUP' && grant.scopeId) {
      const group = await db.selectFrom('cameraGroups').selectAll().where('id', '=', grant.scopeId).executeTakeFirst();
      scopeCameraIds = group && Number(group.active) === 1 ? group.cameraIds : '[]';
    }
    await db.updateTable('grants').set({ approvedRole, scopeCameraIds }).where('id', '=', grant.id).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('grants')
    // JSON {actions, importantPosition, requireTotp, playbackDepthHours} as approved; null: never approved.
    .addColumn('approved_role', 'text')
    .execute();
  // JSON array of camera ids for CAMERA_GROUP scopes, as approved.
  await db.schema.alterTable('grants').addColumn('scope_camera_ids', 'text').execute();
  await db.schema.alterTable('grants').addColumn('suspended_by', 'text').execute();
  await db.schema.alterTable('grants').addColumn('suspended_at', 'text').execute();

  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- the migration's untyped handle, typed for the columns read
  await snapshotGrantsInForce(db);

  await db.schema
    .createTable('credential_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // PASSWORD | TOTP
    .addColumn('kind', 'text', (c) => c.notNull())
    // The new password's hash (PASSWORD), cleared once the request is decided.
    .addColumn('password_hash', 'text')
    // PENDING | APPLIED | REJECTED
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('credential_resets_user_idx').on('credential_resets').columns(['user_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credential_resets').execute();
  for (const column of ['suspended_at', 'suspended_by', 'scope_camera_ids', 'approved_role']) {
    await db.schema.alterTable('grants').dropColumn(column).execute();
  }
}
