import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCreateForm } from '../hooks/useCreateForm.ts';
import { PersonSelect } from './PersonSelect.tsx';

interface User {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  kind: string;
  personId: string | null;
  totpEnabled: boolean;
  active: boolean;
}

/** Accounts: the list and a form for a new one (grants are given on the grants page). */
export function Users() {
  const { t } = useTranslation();
  const users = useAsync(() => api<User[]>('/api/users'), []);
  const units = useAsync(() => api<{ id: string; name: string }[]>('/api/units'), []);
  const persons = useAsync(() => api<{ id: string; name: string }[]>('/api/persons'), []);
  const form = useCreateForm('/api/users', { username: '', displayName: '', password: '', unitId: '', kind: 'STAFF' }, (f) => ({ ...f, unitId: f.unitId || units.data?.[0]?.id }), users.reload);
  return (
    <section className="card">
      <h2>{t('users.title')}</h2>
      <ErrorText error={users.error} />
      <table>
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.kind')}</th>
            <th>{t('users.person')}</th>
            <th>{t('users.totp')}</th>
            <th>{t('users.active')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{u.kind}</td>
              <td>
                <PersonSelect userId={u.id} personId={u.personId} persons={persons.data ?? []} onChanged={users.reload} />
              </td>
              <td>{u.totpEnabled ? '✓' : '—'}</td>
              <td>{u.active ? '✓' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('users.add')}</h3>
      <form className="inline" onSubmit={form.submit}>
        <label>
          {t('users.username')}
          <input {...form.input('username')} required />
        </label>
        <label>
          {t('users.displayName')}
          <input {...form.input('displayName')} required />
        </label>
        <label>
          {t('users.password')}
          <input type="password" {...form.input('password')} required />
        </label>
        <label>
          {t('users.unit')}
          <select {...form.input('unitId')}>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.kind')}
          <select {...form.input('kind')}>
            <option>STAFF</option>
            <option>CONTRACTOR</option>
          </select>
        </label>
        <button type="submit">{t('app.create')}</button>
      </form>
      <ErrorText error={form.error} />
    </section>
  );
}
