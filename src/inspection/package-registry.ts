/**
 * The package's sections drawn from the registry (pure, over a registry snapshot): filing (1),
 * inventory with placement (2), signage (3) and trustees and contractors (7).
 */
import { filingApplies, filingDeadline, filedCameras, putIntoUseOf } from '../policy/cn-order-799/filing/index.ts';
import type { FilingRecord, SiteRecord } from '../registry/model.ts';
import type { RegistrySnapshot } from '../registry/snapshot.ts';
import { legalDateOf } from '../shared/legal-time.ts';
import type { InspectionPackageBody } from './package-schema.ts';

type Sections = Pick<InspectionPackageBody, 'filing' | 'inventory' | 'signage' | 'trustees'>;

/** The snapshot cut to the inspected unit and sites. */
export interface Scoped {
  snapshot: RegistrySnapshot;
  unitId: string;
  sites: SiteRecord[];
}

/** Whether an initial filing came after its due date (null where no due date applies: a change, no put-into-use date). */
function lateness(snapshot: RegistrySnapshot, site: SiteRecord, filing: FilingRecord, at: Date): boolean | null {
  if (filing.kind !== 'INITIAL' || !filing.submittedAt) return null;
  const inUse = putIntoUseOf(site, filedCameras(snapshot, site.id)).date;
  if (!inUse) return null;
  return legalDateOf(filing.submittedAt) > filingDeadline(inUse, at).dueDate;
}

function filingSection({ snapshot, sites }: Scoped, at: Date): InspectionPackageBody['filing'] {
  return sites.map((site) => {
    const filings = snapshot.filings.filter((f) => f.siteId === site.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const filed = filings.filter((f) => f.status === 'FILED').at(-1);
    const latest = filings.at(-1);
    const required = filingApplies(site);
    const inUse = putIntoUseOf(site, filedCameras(snapshot, site.id)).date;
    return {
      siteId: site.id,
      required,
      status: latest?.status ?? 'NOT_FILED',
      receiptNo: filed?.receiptNo ?? null,
      authority: filed?.authority ?? latest?.authority ?? null,
      dueDate: required && !filed && inUse ? filingDeadline(inUse, at).dueDate : null,
      filedDataset: filed?.dataset ?? null,
      history: filings.map((f) => ({
        id: f.id,
        kind: f.kind,
        status: f.status,
        createdAt: f.createdAt,
        submittedAt: f.submittedAt,
        filedAt: f.filedAt,
        receiptNo: f.receiptNo,
        authority: f.authority,
        datasetSha256: f.datasetSha256,
        returnedReason: f.returnedReason,
        late: lateness(snapshot, site, f, at),
      })),
    };
  });
}

export function registrySections(scoped: Scoped, publicCodes: ReadonlyMap<string, string>, at: Date): Sections {
  const { snapshot, sites } = scoped;
  const siteIds = new Set(sites.map((s) => s.id));
  const cameras = snapshot.cameras.filter((c) => siteIds.has(c.siteId));
  const signs = snapshot.signs.filter((s) => siteIds.has(s.siteId));
  const announced = (cameraId: string) => signs.filter((s) => s.active && s.cameraIds.includes(cameraId)).map((s) => s.id);
  const unitName = (id: string) => snapshot.units.find((u) => u.id === id)?.name ?? id;
  const installers = new Map<string, number>();
  for (const camera of cameras) if (camera.installedByUnitId) installers.set(camera.installedByUnitId, (installers.get(camera.installedByUnitId) ?? 0) + 1);
  return {
    filing: filingSection(scoped, at),
    inventory: {
      systems: sites.map((site) => {
        const own = cameras.filter((c) => c.siteId === site.id);
        return {
          siteId: site.id,
          name: site.name,
          address: site.address,
          adminDivisionCode: site.adminDivisionCode,
          placeCategory: site.placeCategory,
          placeSubtype: site.placeSubtype,
          putIntoUseDate: site.putIntoUseDate,
          storagePeriodDays: site.storagePeriodDays,
          networkedToPsb: site.networkedToPsb,
          filingRequired: filingApplies(site),
          cameraCount: own.length,
          camerasWithNecessity: own.filter((c) => c.necessity.trim().length > 0).length,
        };
      }),
      cameras: cameras.map((c) => ({
        cameraId: c.id,
        siteId: c.siteId,
        name: c.name,
        deviceType: c.deviceType,
        status: c.status,
        position: c.position,
        mountHeightM: c.mountHeightM,
        headingDeg: c.headingDeg,
        hfovDeg: c.hfovDeg,
        rangeM: c.rangeM,
        zoneType: c.zoneType,
        publicSecurityArea: c.publicSecurityArea,
        audioEnabled: c.audioEnabled,
        necessity: c.necessity,
        placementRationale: c.placementRationale,
        installedByUnitId: c.installedByUnitId,
        installedAt: c.installedAt,
        activatedAt: c.activatedAt,
        signIds: announced(c.id),
      })),
      cameraCount: cameras.length,
    },
    signage: {
      signs: signs.map((s) => ({
        signId: s.id,
        siteId: s.siteId,
        location: s.location,
        languages: s.languages,
        cameraIds: s.cameraIds,
        installedAt: s.installedAt,
        photoEvidence: s.photoRef ? 'PRESENT' : 'MISSING',
        publicCode: publicCodes.get(s.id) ?? null,
        active: s.active,
      })),
      camerasWithoutSign: cameras.filter((c) => c.status === 'ACTIVE' && announced(c.id).length === 0).map((c) => c.id),
    },
    trustees: {
      commissions: snapshot.commissions
        .filter((c) => c.principalUnitId === scoped.unitId)
        .map((c) => ({ commissionId: c.id, contractorUnit: unitName(c.contractorUnitId), scope: c.scope, validFrom: c.validFrom, validTo: c.validTo })),
      entrustedOperators: sites.flatMap((s) => (s.entrustedOperator ? [{ siteId: s.id, ...s.entrustedOperator }] : [])),
      installers: [...installers].map(([unitId, count]) => ({ unitId, name: unitName(unitId), cameras: count })),
    },
  };
}
