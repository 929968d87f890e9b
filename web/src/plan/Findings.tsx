import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { pick } from '../i18n/index.ts';

/** A policy finding as the compliance report and an activation refusal carry it. */
export interface PolicyFinding {
  severity?: string;
  code?: string;
  article?: string;
  message?: { zh?: string; en?: string };
  details?: { missing?: unknown } & Record<string, unknown>;
}

/** The findings an activation refusal lists (details.findings), or the refusal itself. */
export function refusalFindings(error: unknown): PolicyFinding[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.body.details as { findings?: PolicyFinding[] } | undefined;
  if (details?.findings?.length) return details.findings.map((f) => ({ severity: 'BLOCK', ...f }));
  return [];
}

/** The label of a camera field, for a finding that names missing fields. */
export function fieldLabel(t: TFunction, field: string): string {
  return t(`camform.field.${field}`, { defaultValue: field });
}

/** The finding in the current language; a finding that lists missing fields names them by their labels. */
export function findingText(t: TFunction, language: string, f: PolicyFinding): string {
  const missing = Array.isArray(f.details?.missing) ? (f.details.missing as string[]) : [];
  if (missing.length > 0) {
    const fields = missing.map((m) => fieldLabel(t, m)).join(language === 'en' ? ', ' : '、');
    return t(`camform.findingCode.${f.code ?? ''}`, { fields, defaultValue: t('camform.findingMissing', { fields }) });
  }
  return pick(f.message, language) || (f.code ?? '');
}

export function Findings({ findings, testId }: { findings: PolicyFinding[]; testId: string }) {
  const { t, i18n } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <ul data-testid={testId}>
      {findings.map((f, i) => (
        <li key={i} data-code={f.code}>
          {f.severity && <span className={`badge ${f.severity}`}>{t(`severity.${f.severity}`, { defaultValue: f.severity })}</span>} {f.article && <strong>{t('cameras.article', { article: f.article })}</strong>}{' '}
          {findingText(t, i18n.language, f)}
        </li>
      ))}
    </ul>
  );
}
