/**
 * The compliance picture a viewer may see: only findings about objects within their reach (their own
 * unit and what their grants cover); counts are recomputed from what is left.
 */
import type { Reach } from '../access/authorization/authorization-service.ts';
import { NO_UNIT, type Target } from '../access/authorization/target.ts';
import type { Finding } from '../policy/types.ts';
import type { RegistrySnapshot } from '../registry/snapshot.ts';

/** Where a finding's subject sits in the unit → site → camera tree, read from the snapshot. */
export function findingTargets(snapshot: RegistrySnapshot): { site(siteId: string): Target; of(finding: Finding): Target } {
  const unitOfSite = new Map(snapshot.sites.map((s) => [s.id, s.unitId]));
  const site = (siteId: string): Target => ({ unitId: unitOfSite.get(siteId) ?? NO_UNIT, siteId });
  return {
    site,
    of: (finding) => {
      const subject = finding.subject;
      if (subject.type === 'unit') return { unitId: subject.id };
      if (subject.type === 'site') return site(subject.id);
      if (subject.type === 'camera') return { ...site(subject.siteId), cameraId: subject.id };
      return site(subject.siteId);
    },
  };
}

export function keepFindings(reach: Reach, snapshot: RegistrySnapshot, findings: readonly Finding[]): Finding[] {
  if (reach.everything) return [...findings];
  const targets = findingTargets(snapshot);
  return findings.filter((f) => reach.covers(targets.of(f)));
}
