/**
 * The put-into-use gate (REG-11-1): what the pack says about a system being put into use on `date`.
 * The site is evaluated as if already in use (on `date`, or now if later); the art. 11 findings that
 * the applicability matrix leaves NONCOMPLIANT refuse the step (art. 7 places), and those it lowers
 * to ADVISORY (art. 9 places) let it pass. Art. 33 sites run no art. 11 rule.
 */
import type { RegistrySnapshot } from '../../registry/snapshot.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { startOfLegalDay, type LegalDate } from '../../shared/legal-time.ts';
import type { Finding } from '../types.ts';
import { evaluate } from './evaluate.ts';

export interface PutIntoUseVerdict {
  refusals: Finding[];
  advisories: Finding[];
}

export function evaluatePutIntoUse(snapshot: RegistrySnapshot, siteId: string, date: LegalDate, at: Date): PutIntoUseVerdict {
  const site = snapshot.sites.find((s) => s.id === siteId);
  if (!site) throw new NotFoundError('E_SITE_NOT_FOUND', { details: { siteId } });
  const proposed: RegistrySnapshot = {
    ...snapshot,
    sites: [{ ...site, putIntoUseDate: date }],
    cameras: snapshot.cameras.filter((c) => c.siteId === siteId),
    archiveDocuments: snapshot.archiveDocuments.filter((d) => d.siteId === siteId),
  };
  const when = new Date(Math.max(at.getTime(), startOfLegalDay(date).getTime()));
  const own = evaluate(proposed, when).filter((f) => f.ruleId === 'REG-11-1' && f.subject.type === 'site' && f.subject.id === siteId);
  return {
    refusals: own.filter((f) => f.severity === 'BLOCK' || f.severity === 'NONCOMPLIANT'),
    advisories: own.filter((f) => f.severity === 'ADVISORY'),
  };
}
