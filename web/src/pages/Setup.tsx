import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { PasswordRule } from './PasswordRule.tsx';

/** First run: the one-time link (#setup=TOKEN) creates the first administrator; sign-in then opens the first-run checklist. */
export function Setup({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ username: '', password: '', displayName: '' });
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const field = (key: keyof typeof form) => ({ name: key, value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }), required: true });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    setError(undefined);
    try {
      await ok(http.POST('/api/setup', { body: { token, ...form } }));
      // The token leaves the address bar and the history; sign-in then opens the first-run checklist.
      history.replaceState(null, '', `${location.pathname}#/welcome`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      onDone();
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
      <form className="card stack" onSubmit={(e) => void submit(e)} aria-label="setup">
        <h2>{t('setup.title')}</h2>
        <p className="muted">{t('staff.setup.intro')}</p>
        <label>
          {t('signIn.username')}
          <input {...field('username')} autoComplete="username" pattern="[A-Za-z0-9._@\-]{2,64}" />
        </label>
        <label>
          {t('setup.displayName')}
          <input {...field('displayName')} />
        </label>
        <label>
          {t('signIn.password')}
          <input {...field('password')} type="password" autoComplete="new-password" minLength={12} />
          <PasswordRule password={form.password} username={form.username} />
        </label>
        <ErrorText error={error} />
        <button type="submit" disabled={saving}>
          {t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
