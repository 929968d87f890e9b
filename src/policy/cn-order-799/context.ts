/** What every rule receives: the snapshot, the instant, and lookups. */
import type { CameraRecord, CommissionRecord, ConsentRecord, SignRecord, SiteRecord, UnitRecord, ZoneRecord } from '../../registry/model.ts';
import type { RegistrySnapshot } from '../../registry/snapshot.ts';
import { legalDateOf, type LegalDate } from '../../shared/legal-time.ts';
import { categoryClass, type CategoryClass } from './place-categories.ts';

export interface RuleContext {
  snapshot: RegistrySnapshot;
  at: Date;
  today: LegalDate;
  /** Active sites, plus the site of the camera in focus. */
  sites: SiteRecord[];
  /** Cameras on those sites that are not deactivated. */
  cameras: CameraRecord[];
  site: (id: string) => SiteRecord | undefined;
  unit: (id: string) => UnitRecord | undefined;
  classOf: (siteId: string) => CategoryClass | undefined;
  zonesOf: (siteId: string) => ZoneRecord[];
  signsFor: (cameraId: string) => SignRecord[];
  consentsOf: (siteId: string) => ConsentRecord[];
  commissionsOf: (contractorUnitId: string) => CommissionRecord[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function buildContext(snapshot: RegistrySnapshot, at: Date, focusCameraId?: string): RuleContext {
  const sitesById = new Map(snapshot.sites.map((s) => [s.id, s]));
  const unitsById = new Map(snapshot.units.map((u) => [u.id, u]));
  const focus = focusCameraId === undefined ? undefined : snapshot.cameras.find((c) => c.id === focusCameraId);
  const sites = snapshot.sites.filter((s) => s.active || s.id === focus?.siteId);
  const siteIds = new Set(sites.map((s) => s.id));
  const cameras = snapshot.cameras.filter((c) => c.status !== 'DEACTIVATED' && siteIds.has(c.siteId));
  const zones = groupBy(snapshot.zones.filter((z) => z.active), (z) => z.siteId);
  const consents = groupBy(snapshot.consents.filter((c) => c.active), (c) => c.siteId);
  const commissions = groupBy(snapshot.commissions, (c) => c.contractorUnitId);
  const signs = new Map<string, SignRecord[]>();
  for (const sign of snapshot.signs) {
    if (!sign.active) continue;
    for (const cameraId of new Set(sign.cameraIds)) signs.set(cameraId, [...(signs.get(cameraId) ?? []), sign]);
  }
  return {
    snapshot,
    at,
    today: legalDateOf(at),
    sites,
    cameras,
    site: (id) => sitesById.get(id),
    unit: (id) => unitsById.get(id),
    classOf: (siteId) => {
      const site = sitesById.get(siteId);
      return site ? categoryClass(site.placeCategory) : undefined;
    },
    zonesOf: (siteId) => zones.get(siteId) ?? [],
    signsFor: (cameraId) => signs.get(cameraId) ?? [],
    consentsOf: (siteId) => consents.get(siteId) ?? [],
    commissionsOf: (unitId) => commissions.get(unitId) ?? [],
  };
}

/** Runs `fn` for every camera under evaluation whose site is known, with that site. */
export function perCamera<T>(ctx: RuleContext, fn: (camera: CameraRecord, site: SiteRecord) => T[]): T[] {
  return ctx.cameras.flatMap((camera) => {
    const site = ctx.site(camera.siteId);
    return site ? fn(camera, site) : [];
  });
}
