import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { Findings, type PolicyFinding } from './Findings.tsx';
import { INLINE } from './form-inputs.ts';

const MIN_OVERRIDE = 10;

/**
 * Activation: the button, the signage override (an administrator may activate without a sign, with
 * a reason; the finding stays open) and, on refusal, every finding that blocks it.
 */
export function ActivatePanel({ onActivate, error, blockers, busy }: { onActivate: (overrideReason: string | null) => void; error: unknown; blockers: PolicyFinding[]; busy: boolean }) {
  const { t } = useTranslation();
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const short = override && [...reason.trim()].length < MIN_OVERRIDE;
  return (
    <section className="stack" data-testid="activate-panel">
      <h3>{t('camform.activateTitle')}</h3>
      <label style={INLINE}>
        <input type="checkbox" name="signageOverride" checked={override} onChange={(e) => setOverride(e.target.checked)} /> {t('camform.signageOverride')}
      </label>
      {override && (
        <label>
          {t('camform.signageOverrideReason')}
          <textarea name="signageOverrideReason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          {short && <span className="muted">{t('camform.reasonMin', { min: MIN_OVERRIDE })}</span>}
        </label>
      )}
      <button type="button" disabled={busy || short} onClick={() => onActivate(override ? reason.trim() : null)}>
        {t('camform.activate')}
      </button>
      {blockers.length > 0 ? (
        <>
          <p className="refusal" role="alert">
            {t('camform.activateBlocked')}
          </p>
          <Findings findings={blockers} testId="activate-blockers" />
        </>
      ) : (
        <ErrorText error={error} />
      )}
    </section>
  );
}
