import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { pick } from '../i18n/index.ts';
import { legalDateTimeIn } from '../lib/legal-time.ts';
import { lastDay } from './last-day.ts';
import { PublicError } from './PublicError.tsx';

type Status = ResponseOf<'/api/public/art21-requests/{reference}'>;

/** The status of an art. 21 request by the reference number the person kept: status, dates, the unit's answer. */
export function ReferenceLookup() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<Status>();
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = new FormData(event.currentTarget).get('reference');
    const reference = typeof raw === 'string' ? raw.trim() : '';
    setError(undefined);
    setStatus(undefined);
    try {
      setStatus(await ok(http.GET('/api/public/art21-requests/{reference}', { params: { path: { reference } } })));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <form className="public-form public-inline" aria-label="reference" onSubmit={(e) => void submit(e)}>
        <label>
          {t('public.status.reference')}
          <input name="reference" required maxLength={32} placeholder="A21-XXXX-XXXX-XXXX" autoCapitalize="characters" />
        </label>
        <button type="submit" className="public-secondary">
          {t('public.status.submit')}
        </button>
      </form>
      <PublicError error={error} />
      {status && (
        <dl className="public-facts" data-testid="request-status">
          <dt>{t('public.status.status')}</dt>
          <dd data-status={status.status}>{enumLabel(t, 'art21Status', status.status)}</dd>
          <dt>{t('public.status.received')}</dt>
          <dd>{legalDateTimeIn(status.receivedAt, i18n.language)}</dd>
          <dt>{t('public.status.due')}</dt>
          <dd>{lastDay(status.dueAt)}</dd>
          {status.decidedAt && (
            <>
              <dt>{t('public.status.decided')}</dt>
              <dd>{legalDateTimeIn(status.decidedAt, i18n.language)}</dd>
            </>
          )}
          {status.answer && (
            <>
              <dt>{t('public.status.answer')}</dt>
              <dd className="public-answer">{pick(status.answer, i18n.language)}</dd>
            </>
          )}
          {status.proofAtCounter && status.status === 'PENDING_CONSENT' && <dd>{t('public.status.counter')}</dd>}
        </dl>
      )}
    </>
  );
}
