import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { FindingRow } from './FindingRow.tsx';
import { namedFindings, SEVERITY_ORDER as ORDER } from './named-findings.ts';

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
