/** Gates for the registry: what refuses registering (creating or changing) or activating one camera. */
import type { RegistrySnapshot } from '../../registry/snapshot.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { Finding, Gate } from '../types.ts';
import { evaluate } from './evaluate.ts';

/**
 * Every rule that can refuse a camera action looks only at the camera itself and its own site, so the
 * other cameras are left out: a gate costs the same in a system of 5 cameras or 5,000.
 */
function cameraAndSite(snapshot: RegistrySnapshot, siteId: string, cameraId: string): RegistrySnapshot {
  const own = <T extends { siteId: string }>(records: readonly T[]): T[] => records.filter((r) => r.siteId === siteId);
  return {
    ...snapshot,
    sites: snapshot.sites.filter((s) => s.id === siteId),
    zones: own(snapshot.zones),
    cameras: snapshot.cameras.filter((c) => c.id === cameraId),
    signs: own(snapshot.signs),
    consents: own(snapshot.consents),
    filings: own(snapshot.filings),
  };
}

/**
 * The BLOCK findings that refuse `gate` for the camera, evaluated on `snapshot` as it would be after
 * the action (the caller puts the proposed camera record into the snapshot). For ACTIVATE the
 * camera is evaluated as ACTIVE. Findings on the camera's site and unit that carry the gate count too.
 * INVALID refusals (422) come before PRECONDITION ones (409).
 */
export function evaluateCameraAction(snapshot: RegistrySnapshot, cameraId: string, gate: Gate, at: Date): Finding[] {
  const camera = snapshot.cameras.find((c) => c.id === cameraId);
  if (!camera) throw new NotFoundError('E_CAMERA_NOT_FOUND', { details: { cameraId } });
  const site = snapshot.sites.find((s) => s.id === camera.siteId);
  if (!site) throw new NotFoundError('E_SITE_NOT_FOUND', { details: { siteId: camera.siteId } });
  const status = gate === 'ACTIVATE' ? 'ACTIVE' : camera.status === 'DEACTIVATED' ? 'INACTIVE' : camera.status;
  const blocks = evaluate(cameraAndSite(snapshot, site.id, cameraId), at, { assume: { cameraId, status } }).filter((f) => {
    if (f.severity !== 'BLOCK' || !f.gates?.includes(gate)) return false;
    const s = f.subject;
    return (s.type === 'camera' && s.id === cameraId) || (s.type === 'site' && s.id === site.id) || (s.type === 'unit' && s.id === site.unitId);
  });
  return [...blocks.filter((f) => f.refusal === 'INVALID'), ...blocks.filter((f) => f.refusal !== 'INVALID')];
}
