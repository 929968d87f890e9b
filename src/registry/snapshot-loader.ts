import type { Db } from '../db/connect.ts';
import type { RegistrySnapshot } from './snapshot.ts';
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

/** The whole registry as one snapshot, for the policy pack. */
export async function loadSnapshot(db: Db): Promise<RegistrySnapshot> {
  const [units, commissions, sites, zones, cameras, signs, consents, filings, authorities, assets, conformanceDeclarations, remediationTasks] = await Promise.all([
    unitsRepository.list(db),
    commissionsRepository.list(db),
    sitesRepository.list(db),
    zonesRepository.list(db),
    camerasRepository.list(db),
    signsRepository.list(db),
    consentsRepository.list(db),
    filingsRepository.list(db),
    filingAuthoritiesRepository.list(db),
    assetsRepository.list(db),
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
  };
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
