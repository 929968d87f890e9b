import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';

/** Deactivate a record after a confirmation; records are never deleted, their history stays. */
export function DeactivateButton({ run, onDone }: { run: () => Promise<unknown>; onDone: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const click = async () => {
    if (!window.confirm(t('desk.deactivateConfirm'))) return;
    setBusy(true);
    setError(undefined);
    try {
      await run();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p>
      <button type="button" name="deactivate" disabled={busy} onClick={() => void click()}>
        {t('desk.deactivate')}
      </button>
      <ErrorText error={error} />
    </p>
  );
}
