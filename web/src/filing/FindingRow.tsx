import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/index.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { fixHref, objectHref, type SubjectRef } from './links.ts';

export interface FindingLike {
  code: string;
  article: string;
  severity: string;
  message: { zh: string; en: string };
  subject: SubjectRef;
}

/** One finding: its severity, article and message, the object it concerns, how to fix it and the page that does. */
export function FindingRow({ finding, objectName }: { finding: FindingLike; objectName?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const object = objectHref(finding.subject);
  const fix = fixHref(finding.code, finding.subject);
  return (
    <tr data-code={finding.code} data-severity={finding.severity}>
      <td>
        <span className={`badge ${finding.severity}`}>{enumLabel(t, 'severity', finding.severity)}</span>
      </td>
      <td>{t('findings.article', { article: finding.article })}</td>
      <td>
        {pick(finding.message, i18n.language)}
        <div className="muted" data-testid="fix-hint">
          {t('findings.fix')}: {t(`fix.${finding.code}`, { defaultValue: t('fix.generic') })}
        </div>
      </td>
      <td>
        {enumLabel(t, 'findingSubject', finding.subject.type)}{' '}
        {object ? (
          <a href={object} data-testid="finding-object">
            {objectName ?? t('findings.open')}
          </a>
        ) : (
          (objectName ?? '')
        )}
      </td>
      <td>
        {fix && (
          <a href={fix} className="button" data-testid="finding-fix">
            {t('findings.fixIt')}
          </a>
        )}
      </td>
    </tr>
  );
}
