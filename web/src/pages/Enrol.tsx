import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';

/** A role that asks for TOTP: enrol the authenticator before anything else. */
export function Enrol({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const secret = useAsync(() => api<{ secret: string; uri: string }>('/api/auth/totp/enroll', { method: 'POST' }), []);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/api/auth/totp/confirm', { method: 'POST', body: { code } });
      await onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main>
      <form className="card stack" onSubmit={(e) => void submit(e)}>
        <h2>{t('enrol.title')}</h2>
        <p>{t('enrol.hint')}</p>
        <p>
          {t('enrol.secret')}: <code>{secret.data?.secret}</code>
        </p>
        <p className="muted">{secret.data?.uri}</p>
        <ErrorText error={secret.error} />
        <label>
          {t('enrol.code')}
          <input name="code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required />
        </label>
        <ErrorText error={error} />
        <button type="submit">{t('enrol.submit')}</button>
      </form>
    </main>
  );
}
