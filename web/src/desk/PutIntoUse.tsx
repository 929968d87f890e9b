import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { legalToday } from '../lib/legal-time.ts';

/** Putting the system into use (starts the filing clock; art. 7 places need an acceptance document first, art. 11). */
export function PutIntoUse({ siteId, date, onDone }: { siteId: string; date: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(legalToday);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await ok(http.POST('/api/sites/{id}/put-into-use', { params: { path: { id: siteId } }, body: { date: value } }));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="put-into-use">
      <h3>{t('desk.site.putIntoUse')}</h3>
      {date ? (
        <p>{t('desk.site.inUseSince', { date })}</p>
      ) : (
        <form className="inline" aria-label="put-into-use" onSubmit={(e) => void submit(e)}>
          <label>
            {t('desk.field.putIntoUseDate')}
            <input type="date" name="putIntoUseDate" value={value} onChange={(e) => setValue(e.target.value)} required />
          </label>
          <button type="submit" disabled={busy}>
            {t('desk.site.putIntoUseAction')}
          </button>
        </form>
      )}
      <ErrorText error={error} />
    </div>
  );
}
