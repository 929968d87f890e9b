import type { Action } from './actions.ts';

/**
 * Every route declares who may call it (`config.access`); a route without a declaration refuses to
 * register, and the authorisation matrix test walks every declared route for every built-in role.
 *
 * - public: anyone (health probes, version, API docs, sign-in, first-run setup, the web UI's files)
 * - authenticated: any signed-in user (reading the registry, compliance and filings; no video)
 * - action: a user holding the action in at least one active grant; camera-scoped checks
 *   (which camera, how far back) happen in the service that serves the camera
 * - administration: accounts and access themselves (users, grants, roles, personnel, camera groups,
 *   duty shifts): CONFIG over all cameras, held by the unit's own staff (never a contractor)
 * - media: a short-lived media token issued after the grant check and the register entry
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'action'; action: Action }
  | { kind: 'administration' }
  | { kind: 'media' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const PUBLIC: RouteAccess = { kind: 'public' };
export const SIGNED_IN: RouteAccess = { kind: 'authenticated' };
export const MEDIA: RouteAccess = { kind: 'media' };
export const ADMINISTRATION: RouteAccess = { kind: 'administration' };
export const needs = (action: Action): RouteAccess => ({ kind: 'action', action });
