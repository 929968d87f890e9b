/**
 * Secrets at rest (issue 10): the last TOTP step each user used (replay protection); the media-token
 * HMAC key leaves the database (it now lives in `<dataDir>/keys/media-token.key`, made fresh: the old
 * key sat in a file others could read, so tokens it signed must not verify again); API tokens without
 * an expiry get one, 90 days from the upgrade. TOTP secrets are encrypted at the first start, which
 * needs the key file (TotpService.sealPlainSecrets), not here.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

const DEFAULT_TOKEN_DAYS = 90;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  await db.deleteFrom('server_secrets').where('name', '=', 'media-token-hmac').execute();
  const expiresAt = new Date(Date.now() + DEFAULT_TOKEN_DAYS * 86_400_000).toISOString();
  await db.updateTable('api_tokens').set({ expires_at: expiresAt }).where('expires_at', 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
