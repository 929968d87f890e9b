import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorText } from './ErrorText.tsx';

/** Whether the register's hash chain (and its leaves in the ledger) verifies, with a button to check again. */
export function RegisterVerify() {
  const { t } = useTranslation();
  const check = useAsync(() => ok(http.GET('/api/register/verify')), []);
  const v = check.data;
  return (
    <div className="controls" data-testid="register-verify" data-ok={v ? String(v.ok) : ''}>
      {check.loading && <span className="muted">{t('registerPage.verifying')}</span>}
      {!check.loading && v && (
        <span className={v.ok ? 'ok' : 'error'}>
          {v.ok || !v.firstBad ? t('registerPage.verified', { entries: v.entries, leaves: v.ledger.leaves }) : t('registerPage.broken', { seq: v.firstBad.seq, problem: v.firstBad.problem })}
        </span>
      )}
      <button type="button" onClick={check.reload} disabled={check.loading}>
        {t('registerPage.verify')}
      </button>
      <ErrorText error={check.error} />
    </div>
  );
}
