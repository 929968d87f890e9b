/** The report's findings in one list, each with the name of its object, most severe first. */
import type { FindingLike } from './FindingRow.tsx';
import type { Report } from './types.ts';

export const SEVERITY_ORDER = ['BLOCK', 'CRITICAL', 'NONCOMPLIANT', 'ADVISORY', 'INFO'];

export interface Named {
  finding: FindingLike;
  name?: string | undefined;
}

/** Every finding of the report with the name of its object, most severe first. */
export function namedFindings(report: Report): Named[] {
  const out: Named[] = [
    ...report.sites.flatMap((s) => s.findings.filter((f) => f.subject.type !== 'camera').map((finding) => ({ finding, name: s.name }))),
    ...report.cameras.flatMap((c) => c.findings.map((finding) => ({ finding, name: c.name }))),
    ...report.assets.flatMap((a) => a.findings.map((finding) => ({ finding, name: a.name }))),
    ...report.unitFindings.map((finding) => ({ finding })),
    ...report.retention.findings.map((finding) => ({ finding })),
  ];
  const seen = new Set<string>();
  return out
    .filter(({ finding: f }) => {
      const key = `${f.code}:${f.subject.type}:${f.subject.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.finding.severity) - SEVERITY_ORDER.indexOf(b.finding.severity));
}
