import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { pick } from '../i18n/index.ts';

type Finding = ResponseOf<'/api/retention/findings'>[number];

export function FindingList({ findings }: { findings: Finding[] }) {
  const { t, i18n } = useTranslation();
  if (findings.length === 0) return <p className="muted">{t('retention.findings.none')}</p>;
  return (
    <ul data-testid="retention-findings">
      {findings.map((f) => (
        <li key={`${f.ruleId}-${f.subject.type}-${f.subject.id}`} data-code={f.code}>
          <strong>{enumLabel(t, 'findingSeverity', f.severity)}</strong> · {t('cameras.article', { article: f.article })} · {pick(f.message, i18n.language)}{' '}
          <span className="muted">
            ({t(`retention.findings.subjects.${f.subject.type}`)} {f.subject.id})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Retention findings: holds past review, retention at risk, storage short, streams suspended, retention needing legal review. */
export function Findings() {
  const { t } = useTranslation();
  const findings = useAsync(() => ok(http.GET('/api/retention/findings')), []);
  return (
    <>
      <p className="muted">{t('retention.findings.explain')}</p>
      <ErrorText error={findings.error} />
      {findings.data && <FindingList findings={findings.data} />}
    </>
  );
}
