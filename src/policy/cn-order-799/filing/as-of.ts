/**
 * The registry as it stood at an instant, read back from the fact changes (REG-14-5, REG-17-6): which
 * cameras a system had, with which retention, and the storage period that was in force then.
 */
import type { FactChange } from '../../../registry/fact-changes.ts';
import type { CameraRecord } from '../../../registry/model.ts';
import type { RegistrySnapshot } from '../../../registry/snapshot.ts';

const ms = (instant: string): number => Date.parse(instant);

/** The field's value at `atMs`: the old value of its first change after then, else the current one. */
export function valueAt(changes: readonly FactChange[], entityId: string, field: string, atMs: number, current: unknown): unknown {
  const next = changes.filter((c) => c.entityId === entityId && c.field === field && ms(c.at) > atMs).sort((a, b) => ms(a.at) - ms(b.at))[0];
  return next ? next.from : current;
}

/** When the camera was registered: its history's creation, else (no history) its activation, else unknown. */
export function registeredAt(changes: readonly FactChange[], camera: CameraRecord): number | null {
  const created = changes.find((c) => c.entityType === 'camera' && c.entityId === camera.id && c.field === '$created');
  if (created) return ms(created.at);
  return camera.activatedAt ? ms(camera.activatedAt) : null;
}

/**
 * The cameras of the system at `atMs` (registered by then, not deactivated then), as far as the history
 * tells. A camera of unknown registration (no history, never activated) is not assumed to have been there.
 */
export function camerasAt(snapshot: RegistrySnapshot, siteId: string, atMs: number): CameraRecord[] {
  const changes = snapshot.factChanges;
  return snapshot.cameras.filter((c) => {
    if (valueAt(changes, c.id, 'siteId', atMs, c.siteId) !== siteId) return false;
    const registered = registeredAt(changes, c);
    if (registered === null || registered > atMs) return false;
    return valueAt(changes, c.id, 'status', atMs, c.status) !== 'DEACTIVATED';
  });
}

/** The storage period the filing would have stated at `atMs`: the shortest camera retention, else the site's period. */
export function storagePeriodAt(snapshot: RegistrySnapshot, siteId: string, atMs: number): number | null {
  const site = snapshot.sites.find((s) => s.id === siteId);
  if (!site) return null;
  const retentions = camerasAt(snapshot, siteId, atMs)
    .map((c) => valueAt(snapshot.factChanges, c.id, 'retentionDays', atMs, c.retentionDays))
    .filter((d): d is number => typeof d === 'number');
  if (retentions.length > 0) return Math.min(...retentions);
  const period = valueAt(snapshot.factChanges, site.id, 'storagePeriodDays', atMs, site.storagePeriodDays);
  return typeof period === 'number' ? period : null;
}
