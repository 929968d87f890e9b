import { z } from 'zod';

/**
 * What a grant allows (REG-16-3), each over the grant's scope. Video is reached only through LIVE,
 * PLAYBACK and EXPORT. ADMINISTER is the power over accounts and access themselves (users, grants,
 * roles, personnel, groups, shifts, units, commissions, filings): its own action, never implied by CONFIG.
 */
export const ACTIONS = ['LIVE', 'PLAYBACK', 'EXPORT', 'REDACT', 'PTZ', 'CONFIG', 'APPROVE', 'AUDIT', 'ADMINISTER'] as const;
export const action = z.enum(ACTIONS);
export type Action = z.infer<typeof action>;

/** An API token may also be limited to reading (any route open to every signed-in user). */
export const TOKEN_SCOPES = [...ACTIONS, 'READ'] as const;
export const tokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof tokenScope>;
