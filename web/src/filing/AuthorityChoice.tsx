import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from './useAction.ts';

/** REG-05-1: the county PSB that receives filings for the site's division code; chosen from the known ones or entered. */
export function AuthorityChoice({ code, current, known, onChange }: { code: string; current: string | null; known: string[]; onChange: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(current ?? '');
  const action = useAction(onChange);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => ok(http.PUT('/api/filing-authorities/{code}', { params: { path: { code } }, body: { name } })));
  };
  return (
    <section className="card" data-testid="filing-authority">
      <h3>{t('filing.authority')}</h3>
      {current ? <p data-testid="authority-name">{current}</p> : <p className="error">{t('filing.authorityNone', { code })}</p>}
      <form aria-label="filing-authority" onSubmit={save}>
        <label>
          {t('filing.authorityChoose', { code })} <input name="authorityName" list="filing-authorities" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <datalist id="filing-authorities">
          {known.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>{' '}
        <button type="submit" disabled={action.busy || name === current}>
          {t('filing.authoritySave')}
        </button>
      </form>
      <ErrorText error={action.error} />
    </section>
  );
}
