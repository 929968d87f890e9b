/** Applies the applicability matrix to raw findings: rule selection by category class, and the art. 9.2 downgrade (REG-09-2). */
import type { Finding, FindingSubject } from '../types.ts';
import { a9ExemptArticles, articleWithin, ruleClasses, type ApplicabilityMatrix, type CategoryClass } from './applicability.ts';

export function subjectSiteId(subject: FindingSubject): string | null {
  switch (subject.type) {
    case 'unit':
      return null;
    case 'site':
      return subject.id;
    default:
      return subject.siteId;
  }
}

function downgrade(finding: Finding): Finding {
  const { gates: _gates, refusal: _refusal, ...rest } = finding;
  return { ...rest, severity: 'ADVISORY', details: { ...finding.details, downgradedFrom: finding.severity, exemption: '9.2' } };
}

export function applyMatrix(findings: readonly Finding[], matrix: ApplicabilityMatrix, classOf: (siteId: string) => CategoryClass | undefined): Finding[] {
  const exempt = a9ExemptArticles(matrix);
  const out: Finding[] = [];
  for (const finding of findings) {
    const siteId = subjectSiteId(finding.subject);
    const cls = siteId === null ? undefined : classOf(siteId);
    if (cls === undefined) {
      out.push(finding);
      continue;
    }
    if (!ruleClasses(matrix, finding.ruleId).includes(cls)) continue;
    const lifted = cls === 'A9' && (finding.severity === 'BLOCK' || finding.severity === 'NONCOMPLIANT') && articleWithin(finding.article, exempt);
    out.push(lifted ? downgrade(finding) : finding);
  }
  return out;
}

const RANK = { BLOCK: 0, NONCOMPLIANT: 1, ADVISORY: 2, INFO: 3 } as const;

function sortKey(f: Finding): string[] {
  return [String(RANK[f.severity]), f.ruleId, f.subject.type, f.subject.id, f.code, f.article, JSON.stringify(f.details ?? {})];
}

/** Severity first, then rule, subject and code; independent of rule order and input order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const keyed = findings.map((f) => ({ f, k: sortKey(f) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      const x = a.k[i]!;
      const y = b.k[i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return keyed.map((e) => e.f);
}
