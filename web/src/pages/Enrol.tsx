import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useAsync } from '../hooks/useAsync.ts';

/** A role that asks for TOTP: enrol the authenticator before anything else. */
export function Enrol({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const secret = useAsync(() => ok(http.POST('/api/auth/totp/enroll')), []);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    try {
      await ok(http.POST('/api/auth/totp/confirm', { body: { code: code.trim() } }));
      await onDone();
    } catch (e) {
      setError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return (
    <main>
      <LanguageSwitch />
      <form className="card stack" onSubmit={(e) => void submit(e)}>
        <h2>{t('enrol.title')}</h2>
        <p>{t('enrol.hint')}</p>
        <p>
          {t('enrol.secret')}: <code data-testid="totp-secret">{secret.data?.secret}</code>
        </p>
        <p className="muted">{secret.data?.uri}</p>
        <ErrorText error={secret.error} />
        <label>
          {t('enrol.code')}
          <input name="code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required />
        </label>
        <ErrorText error={error} />
        <button type="submit" disabled={saving}>
          {t('enrol.submit')}
        </button>
      </form>
    </main>
  );
}
