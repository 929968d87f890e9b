/** The devices under evaluation: cameras and related facilities (assets) of the systems in the context. */
import type { AssetType, DeviceKind } from '../../registry/enums.ts';
import type { SiteRecord } from '../../registry/model.ts';
import type { FindingSubject } from '../types.ts';
import type { RuleContext } from './context.ts';

export interface EvaluatedDevice {
  kind: DeviceKind;
  id: string;
  siteId: string;
  type: 'CAMERA' | AssetType;
  name: string;
  /** A camera in service (ACTIVE), or an asset not deactivated. */
  inService: boolean;
}

export function deviceSubject(device: Pick<EvaluatedDevice, 'kind' | 'id' | 'siteId'>): FindingSubject {
  return { type: device.kind, id: device.id, siteId: device.siteId };
}

/** Cameras not deactivated and active assets, on the context's sites, each with its site. */
export function evaluatedDevices(ctx: RuleContext): { device: EvaluatedDevice; site: SiteRecord }[] {
  const siteIds = new Set(ctx.sites.map((s) => s.id));
  const cameras = ctx.cameras.map(
    (c): EvaluatedDevice => ({ kind: 'camera', id: c.id, siteId: c.siteId, type: 'CAMERA', name: c.name, inService: c.status === 'ACTIVE' }),
  );
  const assets = ctx.snapshot.assets
    .filter((a) => a.active && siteIds.has(a.siteId))
    .map((a): EvaluatedDevice => ({ kind: 'asset', id: a.id, siteId: a.siteId, type: a.assetType, name: a.name, inService: true }));
  return [...cameras, ...assets].flatMap((device) => {
    const site = ctx.site(device.siteId);
    return site ? [{ device, site }] : [];
  });
}
