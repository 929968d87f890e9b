import type { Action } from './actions.ts';
import type { Principal } from './principal.ts';

/** What the grant that lets a principal act on one camera says (returned by AuthorizationService.requireCamera). */
export interface CameraPermission {
  cameraId: string;
  siteId: string;
  grantId: string;
  roleId: string;
  roleKey: string | null;
  roleName: string;
  /** How far back this role may play back without an incident or request; null = no limit (REG-16-4). */
  playbackDepthHours: number | null;
}

/**
 * The gates every route and every video access pass (implemented by AuthorizationService).
 * Each throws a ForbiddenError with a stable code: E_ACTION_NOT_GRANTED, E_TOKEN_SCOPE,
 * E_NO_CAMERA_PERMISSION, E_TRAINING_LAPSED, E_PERSONNEL_PREREQ, E_CONTRACTOR_EXPORT_FORBIDDEN.
 */
export interface AccessGate {
  /** The principal holds `action` in at least one active grant now (and a token's scopes allow it). */
  requireAction(principal: Principal, action: Action): Promise<void>;
  /** The principal may administer accounts and access (users, grants, roles, personnel, groups, shifts). */
  requireAdministration(principal: Principal): Promise<void>;
  /** A token's scopes allow plain reading (routes open to every signed-in user). */
  requireRead(principal: Principal): Promise<void>;
  /** The principal may do `action` on this camera now. */
  requireCamera(principal: Principal, action: Action, cameraId: string): Promise<CameraPermission>;
  /** The principal's duty shift covering this camera now, if any (REG-16-8). */
  dutyShiftFor(principal: Principal, cameraId: string): Promise<{ shiftId: string; code: string } | null>;
}
