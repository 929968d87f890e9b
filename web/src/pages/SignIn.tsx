import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';

/** Sign-in with the second factor when the account has one (the field appears when the server asks). */
export function SignIn({ onSignIn }: { onSignIn: (username: string, password: string, totp?: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    try {
      await onSignIn(username, password, totp || undefined);
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'E_TOTP_REQUIRED' || e.code === 'E_TOTP_INVALID')) setNeedTotp(true);
      setError(e);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return (
    <main>
      <LanguageSwitch />
      <form className="card stack" onSubmit={(e) => void submit(e)} aria-label={t('signIn.title')}>
        <h2>{t('signIn.title')}</h2>
        <label>
          {t('signIn.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <span className="muted">{t('staff.password.rule')}</span>
        </label>
        {needTotp && (
          <label>
            {t('signIn.totp')}
            <input name="totp" inputMode="numeric" autoComplete="one-time-code" value={totp} onChange={(e) => setTotp(e.target.value)} />
            <span className="muted">{t('signIn.totpNeeded')}</span>
          </label>
        )}
        <ErrorText error={error} />
        <button type="submit" disabled={saving}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
