/**
 * REG-14-4, REG-17-6: a change filing is dated by the change, not by the day it is noticed. For each
 * filed field that differs, the earliest change after the facts on file were taken: a camera added (its
 * activation, or its registration while it has not recorded yet), removed, re-typed or moved; a
 * retention or storage period changed (from the retention history); a unit or site fact changed. A
 * storage period that already differed when filed (untrue when filed, art. 14.2) dates from the filing.
 */
import type { FactChange } from '../../../registry/fact-changes.ts';
import type { SiteRecord } from '../../../registry/model.ts';
import type { RegistrySnapshot } from '../../../registry/snapshot.ts';
import { legalDateOf, type LegalDate } from '../../../shared/legal-time.ts';
import { registeredAt, storagePeriodAt } from './as-of.ts';
import type { FilingDiff } from './diff.ts';

export type ChangeSource =
  | 'CAMERA_ACTIVATED'
  | 'CAMERA_REGISTERED'
  | 'CAMERA_DEACTIVATED'
  | 'CAMERA_TYPE_CHANGED'
  | 'CAMERA_MOVED'
  | 'RETENTION_CHANGED'
  | 'STORAGE_PERIOD_CHANGED'
  | 'SITE_CHANGED'
  | 'UNIT_CHANGED'
  | 'UNTRUE_WHEN_FILED';

export interface DatedChange {
  date: LegalDate;
  /** The instant of the change (ISO UTC). */
  at: string;
  source: ChangeSource;
  /** The camera, site or unit that changed. */
  entityId: string;
}

const ms = (instant: string): number => Date.parse(instant);

/** Site fields as the dataset names them (location.*, extras.*). */
const SITE_FIELD: Record<string, string> = {
  'location.siteName': 'name',
  'location.address': 'address',
  'location.adminDivisionCode': 'adminDivisionCode',
  'location.latitude': 'latitude',
  'location.longitude': 'longitude',
  'location.placeCategory': 'placeCategory',
  'location.placeSubtype': 'placeSubtype',
  'extras.systemName': 'name',
  'extras.putIntoUseDate': 'putIntoUseDate',
  'extras.recorderCount': 'recorderCount',
  'extras.networkedToPsb': 'networkedToPsb',
  'extras.entrustedOperator': 'entrustedOperator',
  configuredStoragePeriodDays: 'storagePeriodDays',
};

interface Evidence {
  /** Inventory: cameras added, removed, moved (every count and the shortest retention can follow). */
  inventory: DatedChange[];
  typeChanges: DatedChange[];
  retention: DatedChange[];
  site: (field: string) => DatedChange[];
  unit: (field: string) => DatedChange[];
}

function dated(change: FactChange, source: ChangeSource): DatedChange {
  return { date: legalDateOf(change.at), at: new Date(change.at).toISOString(), source, entityId: change.entityId };
}

function evidence(snapshot: RegistrySnapshot, site: SiteRecord, refMs: number): Evidence {
  const after = snapshot.factChanges.filter((c) => ms(c.at) > refMs);
  const siteCameraIds = new Set([
    ...snapshot.cameras.filter((c) => c.siteId === site.id).map((c) => c.id),
    ...after.filter((c) => c.entityType === 'camera' && c.field === 'siteId' && (c.from === site.id || c.to === site.id)).map((c) => c.entityId),
  ]);
  const ofCameras = after.filter((c) => c.entityType === 'camera' && siteCameraIds.has(c.entityId));
  const added = snapshot.cameras
    .filter((c) => c.siteId === site.id && c.status !== 'DEACTIVATED')
    .flatMap((c): DatedChange[] => {
      const registered = registeredAt(snapshot.factChanges, c);
      if (registered === null || registered <= refMs) return [];
      // The change takes effect when the camera records; until then its registration stands for it.
      if (c.activatedAt) return [{ date: legalDateOf(c.activatedAt), at: new Date(c.activatedAt).toISOString(), source: 'CAMERA_ACTIVATED', entityId: c.id }];
      return [{ date: legalDateOf(new Date(registered)), at: new Date(registered).toISOString(), source: 'CAMERA_REGISTERED', entityId: c.id }];
    });
  const removed = ofCameras.filter((c) => c.field === 'status' && c.to === 'DEACTIVATED').map((c) => dated(c, 'CAMERA_DEACTIVATED'));
  const moved = ofCameras.filter((c) => c.field === 'siteId').map((c) => dated(c, 'CAMERA_MOVED'));
  const ofSite = after.filter((c) => c.entityType === 'site' && c.entityId === site.id);
  const ofUnit = after.filter((c) => c.entityType === 'unit' && c.entityId === site.unitId);
  const unitMoved = ofSite.filter((c) => c.field === 'unitId').map((c) => dated(c, 'SITE_CHANGED'));
  return {
    inventory: [...added, ...removed, ...moved],
    typeChanges: ofCameras.filter((c) => c.field === 'deviceType').map((c) => dated(c, 'CAMERA_TYPE_CHANGED')),
    retention: ofCameras.filter((c) => c.field === 'retentionDays').map((c) => dated(c, 'RETENTION_CHANGED')),
    site: (field) =>
      ofSite.filter((c) => c.field === field).map((c) => dated(c, field === 'storagePeriodDays' ? 'STORAGE_PERIOD_CHANGED' : 'SITE_CHANGED')),
    unit: (field) => [...ofUnit.filter((c) => c.field === field).map((c) => dated(c, 'UNIT_CHANGED')), ...unitMoved],
  };
}

function earliest(changes: readonly DatedChange[]): DatedChange | undefined {
  return [...changes].sort((a, b) => a.at.localeCompare(b.at))[0];
}

export interface DatingInput {
  snapshot: RegistrySnapshot;
  site: SiteRecord;
  /** The instant the facts on file were taken (the reference dataset's generation). */
  referenceAt: string;
  /** The filed storage period already differed from the retention in force when filed: dated from `untrueSince`. */
  untrueSince?: DatedChange;
}

/** Per differing field, the earliest change after the facts on file; fields with no recorded change are left out. */
export function dateChanges(diff: FilingDiff, input: DatingInput): Record<string, DatedChange> {
  const refMs = ms(input.referenceAt);
  const e = evidence(input.snapshot, input.site, refMs);
  const out: Record<string, DatedChange> = {};
  for (const path of Object.keys(diff)) {
    let candidates: DatedChange[] = [];
    if (path === 'cameraTotal') candidates = e.inventory;
    else if (path.startsWith('cameraByType.')) candidates = [...e.inventory, ...e.typeChanges];
    else if (path === 'storagePeriodDays' || path === 'storagePeriodByCamera') {
      // The site's own period is the filed figure only while the system has no camera.
      const noCameras = !input.snapshot.cameras.some((c) => c.siteId === input.site.id && c.status !== 'DEACTIVATED');
      candidates = [...e.retention, ...e.inventory, ...(noCameras ? e.site('storagePeriodDays') : [])];
      if (path === 'storagePeriodDays') {
        // Only a change after which the period stood other than filed: a camera added with a longer retention does not count.
        const filed = diff[path]![0];
        candidates = candidates.filter((c) => storagePeriodAt(input.snapshot, input.site.id, ms(c.at)) !== filed);
      }
      if (candidates.length === 0 && input.untrueSince) candidates = [input.untrueSince];
    } else if (path.startsWith('unit.')) candidates = e.unit(path.slice('unit.'.length));
    else if (SITE_FIELD[path]) candidates = e.site(SITE_FIELD[path]);
    const first = earliest(candidates);
    if (first) out[path] = first;
  }
  return out;
}
