import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { FindingRow, type FindingLike } from './FindingRow.tsx';
import type { Report } from './types.ts';

const ORDER = ['BLOCK', 'CRITICAL', 'NONCOMPLIANT', 'ADVISORY', 'INFO'];

interface Named {
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
    .sort((a, b) => ORDER.indexOf(a.finding.severity) - ORDER.indexOf(b.finding.severity));
}

/** The findings page: each finding links to its object and to the page that fixes it. `severity` narrows the list. */
export function Findings({ severity }: { severity?: string | null | undefined }) {
  const { t } = useTranslation();
  const report = useAsync(() => ok(http.GET('/api/compliance', {})), []);
  const rows = report.data ? namedFindings(report.data).filter((r) => !severity || r.finding.severity === severity) : [];
  return (
    <section className="card">
      <h2>{t('findings.title')}</h2>
      <p>
        <a href="#/findings">{t('dash.allFindings')}</a>
        {ORDER.map((s) => (
          <span key={s}>
            {' · '}
            <a href={`#/findings?severity=${s}`} className={severity === s ? 'active' : ''}>
              {enumLabel(t, 'severity', s)}
            </a>
          </span>
        ))}
      </p>
      <ErrorText error={report.error} />
      {report.data && rows.length === 0 && <p className="muted">{t('findings.none')}</p>}
      <table data-testid="findings">
        <tbody>
          {rows.map(({ finding, name }) => (
            <FindingRow key={`${finding.code}:${finding.subject.type}:${finding.subject.id}`} finding={finding} objectName={name} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
