import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { enumLabel } from '../i18n/enum-label.ts';
import type { Filing } from './types.ts';
import { useAction } from './useAction.ts';

/** The open filing's next step: submit (or re-submit after a return), then the receipt or the return. */
export function FilingSteps({ filing, today, authorities, defaultAuthority, onChange }: { filing: Filing; today: string; authorities: string[]; defaultAuthority: string | null; onChange: () => void }) {
  const { t } = useTranslation();
  const action = useAction(onChange);
  const [person, setPerson] = useState('');
  const [position, setPosition] = useState('');
  const [receiptNo, setReceiptNo] = useState('');
  const [filedAt, setFiledAt] = useState(today);
  const [authority, setAuthority] = useState(filing.authority ?? defaultAuthority ?? '');
  const [reason, setReason] = useState('');
  const path = { params: { path: { id: filing.id } } };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => ok(http.POST('/api/filings/{id}/submit', { ...path, body: { responsiblePerson: person, ...(position ? { position } : {}) } })));
  };
  const receipt = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => ok(http.POST('/api/filings/{id}/record-receipt', { ...path, body: { receiptNo, filedAt, ...(authority ? { authority } : {}) } })));
  };
  const giveBack = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => ok(http.POST('/api/filings/{id}/return', { ...path, body: { reason } })));
  };
  return (
    <section className="card" data-testid="filing-current" data-status={filing.status}>
      <h3>
        {t('filing.current')}: {enumLabel(t, 'filingKind', filing.kind)} · <span className={`badge ${filing.status}`}>{enumLabel(t, 'filingStatus', filing.status)}</span>
      </h3>
      {filing.status === 'RETURNED' && filing.returnedReason && <p className="refusal" data-testid="returned-reason">{t('filing.returned', { reason: filing.returnedReason })}</p>}
      <ErrorText error={action.error} />
      {(filing.status === 'DRAFT' || filing.status === 'RETURNED') && (
        <form aria-label="submit-filing" onSubmit={submit}>
          <label>
            {t('filing.responsiblePerson')} <input name="responsiblePerson" required value={person} onChange={(e) => setPerson(e.target.value)} />
          </label>{' '}
          <label>
            {t('filing.position')} <input name="position" value={position} onChange={(e) => setPosition(e.target.value)} />
          </label>{' '}
          <button type="submit" disabled={action.busy}>
            {filing.status === 'RETURNED' ? t('filing.resubmit') : t('filing.submit')}
          </button>
        </form>
      )}
      {filing.status === 'SUBMITTED' && (
        <>
          <form aria-label="record-receipt" onSubmit={receipt}>
            <h4>{t('filing.receiptTitle')}</h4>
            <label>
              {t('filing.receiptNo')} <input name="receiptNo" required value={receiptNo} onChange={(e) => setReceiptNo(e.target.value)} />
            </label>{' '}
            <label>
              {t('filing.filedAt')} <input name="filedAt" type="date" required value={filedAt} onChange={(e) => setFiledAt(e.target.value)} />
            </label>{' '}
            <label>
              {t('filing.authority')}{' '}
              <select name="authority" value={authority} onChange={(e) => setAuthority(e.target.value)}>
                {[...new Set([authority, ...authorities])].filter(Boolean).map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button type="submit" disabled={action.busy}>
              {t('filing.record')}
            </button>
          </form>
          <form aria-label="return-filing" onSubmit={giveBack}>
            <h4>{t('filing.returnTitle')}</h4>
            <label>
              {t('filing.returnReason')} <input name="returnReason" required value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>{' '}
            <button type="submit" disabled={action.busy}>
              {t('filing.markReturned')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
