import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';

/** First run: the one-time link (#setup=TOKEN) creates the first administrator. */
export function Setup({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ username: '', password: '', displayName: '' });
  const [error, setError] = useState<unknown>();
  const field = (key: keyof typeof form) => ({ name: key, value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }), required: true });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('/api/setup', { method: 'POST', body: { token, ...form } });
      history.replaceState(null, '', location.pathname);
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main>
      <form className="card stack" onSubmit={(e) => void submit(e)}>
        <h2>{t('setup.title')}</h2>
        <label>
          {t('signIn.username')}
          <input {...field('username')} autoComplete="username" />
        </label>
        <label>
          {t('setup.displayName')}
          <input {...field('displayName')} />
        </label>
        <label>
          {t('signIn.password')}
          <input {...field('password')} type="password" autoComplete="new-password" />
        </label>
        <ErrorText error={error} />
        <button type="submit">{t('setup.submit')}</button>
      </form>
    </main>
  );
}
