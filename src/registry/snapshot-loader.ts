import type { Db } from '../db/connect.ts';
import type { RegistrySnapshot } from './snapshot.ts';
import type { Filter } from './repositories/record-repository.ts';
import {
  camerasRepository,
  commissionsRepository,
  consentsRepository,
  filingAuthoritiesRepository,
  filingsRepository,
  signsRepository,
  sitesRepository,
  unitsRepository,
  zonesRepository,
} from './repositories/index.ts';
import { assetsRepository, conformanceDeclarationsRepository } from './repositories/devices.ts';
import { remediationTasksRepository } from '../advisories/repositories.ts';
import { loadArchiveMeta } from '../archive/archive-snapshot.ts';
import { FACT_ENTITY_TYPES, factChangesOf, type FactChange } from './fact-changes.ts';
import { historyRepository } from './repositories/history-repository.ts';

/**
 * What a snapshot must hold. Without a scope, the whole registry (the compliance report). With a site,
 * only that system's records besides the registry-wide units, commissions and authorities: enough
 * for its filing and for any rule about it. With a camera too, no other camera of the system: enough
 * to gate one camera, at the same cost in a system of 5 cameras or 5,000.
 */
export interface SnapshotScope {
  siteId: string;
  cameraId?: string;
}

/** The registry as a snapshot, for the policy pack. */
export async function loadSnapshot(db: Db, scope?: SnapshotScope): Promise<RegistrySnapshot> {
  const ofSite: Filter = scope ? { siteId: scope.siteId } : {};
  const [units, commissions, sites, zones, cameras, signs, consents, filings, authorities, assets, conformanceDeclarations, remediationTasks] = await Promise.all([
    unitsRepository.list(db),
    commissionsRepository.list(db),
    sitesRepository.list(db, scope ? { id: scope.siteId } : {}),
    zonesRepository.list(db, ofSite),
    scope?.cameraId ? camerasRepository.list(db, { id: scope.cameraId }) : camerasRepository.list(db, ofSite),
    signsRepository.list(db, ofSite),
    consentsRepository.list(db, ofSite),
    filingsRepository.list(db, ofSite),
    filingAuthoritiesRepository.list(db),
    assetsRepository.list(db, ofSite),
    conformanceDeclarationsRepository.list(db),
    remediationTasksRepository.list(db),
  ]);
  return {
    units,
    commissions,
    sites,
    zones,
    cameras,
    signs,
    consents,
    filings,
    filingAuthorities: authorities.map(({ adminDivisionCode, name }) => ({ adminDivisionCode, name })),
    assets,
    conformanceDeclarations,
    remediationTasks,
    archiveDocuments: await loadArchiveMeta(db),
    factChanges: scope?.cameraId ? [] : await loadFactChanges(db, scope ? [scope.siteId, ...sites.map((s) => s.unitId), ...cameras.map((c) => c.id)] : undefined),
  };
}

/**
 * The changes of filed facts, from the administration history: of the whole registry, or of the given
 * units, sites and cameras. A snapshot that gates one camera leaves them out (no filing is decided there).
 */
export async function loadFactChanges(db: Db, entityIds?: readonly string[]): Promise<FactChange[]> {
  const entries = await historyRepository.listAbout(db, FACT_ENTITY_TYPES, entityIds);
  return entries.flatMap(factChangesOf);
}

/** The snapshot with one record put in place of (or added beside) its stored version. */
export function withRecord<K extends keyof RegistrySnapshot>(
  snapshot: RegistrySnapshot,
  key: K,
  record: RegistrySnapshot[K][number],
): RegistrySnapshot {
  const list = snapshot[key] as { id?: string }[];
  const id = (record as { id?: string }).id;
  return { ...snapshot, [key]: [...list.filter((r) => r.id !== id), record] };
}
