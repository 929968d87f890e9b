/** A report's status by its reference number (GET /api/public/reports/{reference}): the status and dates, nothing else. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTimeIn } from '../lib/legal-time.ts';
import { FORM_STYLE } from './form-style.ts';

type StatusView = ResponseOf<'/api/public/reports/{reference}'>;

export function ReportStatusCheck({ initial = '' }: { initial?: string }) {
  const { t, i18n } = useTranslation();
  const [reference, setReference] = useState(initial);
  const [status, setStatus] = useState<StatusView>();
  const [error, setError] = useState<unknown>();
  const at = (iso: string | null) => legalDateTimeIn(iso, i18n.language);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setStatus(undefined);
    try {
      setStatus(await ok(http.GET('/api/public/reports/{reference}', { params: { path: { reference: reference.trim() } } })));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form className="public-report-check" onSubmit={(e) => void check(e)} data-testid="report-check" style={{ ...FORM_STYLE.form, marginTop: '1.5rem' }}>
      <h3>{t('publicReport.check')}</h3>
      <label>
        {t('publicReport.reference')}
        <input name="reference" style={FORM_STYLE.field} required maxLength={40} value={reference} onChange={(e) => setReference(e.target.value)} autoCapitalize="characters" />
      </label>
      <button type="submit">{t('publicReport.checkButton')}</button>
      <ErrorText error={error} />
      {status && (
        <ul data-testid="report-status" data-status={status.status}>
          <li>
            <strong>{t('publicReport.status', { status: enumLabel(t, 'publicReportStatus', status.status) })}</strong>
          </li>
          <li>{t('publicReport.received', { at: at(status.receivedAt) })}</li>
          {status.firstActionAt && <li>{t('publicReport.firstAction', { at: at(status.firstActionAt) })}</li>}
          {status.forwardedAt && <li>{t('publicReport.forwarded', { at: at(status.forwardedAt) })}</li>}
          {status.resolvedAt && <li>{t('publicReport.resolved', { at: at(status.resolvedAt) })}</li>}
        </ul>
      )}
    </form>
  );
}
