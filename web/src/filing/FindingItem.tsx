import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/index.ts';
import type { FindingLike } from './FindingRow.tsx';
import { fixHref, objectHref } from './links.ts';

/** A finding in one line for the dashboard: its message, a link to its object and one to the page that fixes it. */
export function FindingItem({ finding, objectName }: { finding: FindingLike; objectName?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const object = objectHref(finding.subject);
  const fix = fixHref(finding.code, finding.subject);
  return (
    <li data-code={finding.code}>
      <span className="muted">{t('findings.article', { article: finding.article })}</span> {pick(finding.message, i18n.language)}{' '}
      {object && objectName && (
        <a href={object} data-testid="finding-object">
          {objectName}
        </a>
      )}{' '}
      {fix && (
        <a href={fix} data-testid="finding-fix" title={t(`fix.${finding.code}`, { defaultValue: t('fix.generic') })}>
          {t('findings.fixIt')}
        </a>
      )}
    </li>
  );
}
