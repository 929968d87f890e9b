import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCreateForm } from '../hooks/useCreateForm.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { UserRow } from './UserRow.tsx';

const KINDS = ['STAFF', 'CONTRACTOR'] as const;

/** Accounts: each with its unit, kind, staff record and state, and a form for a new one (grants are given on the grants page). */
export function Users() {
  const { t } = useTranslation();
  const users = useAsync(() => ok(http.GET('/api/users')), []);
  const units = useAsync(() => ok(http.GET('/api/units', { params: { query: { active: 'true' } } })), []);
  const persons = useAsync(() => ok(http.GET('/api/persons')), []);
  const [created, setCreated] = useState('');
  const form = useCreateForm(
    { username: '', displayName: '', password: '', unitId: '', kind: 'STAFF', personId: '' },
    (f) =>
      ok(
        http.POST('/api/users', {
          body: { username: f.username.trim(), displayName: f.displayName, password: f.password, unitId: f.unitId, kind: f.kind === 'CONTRACTOR' ? 'CONTRACTOR' : 'STAFF', ...(f.personId ? { personId: f.personId } : {}) },
        }),
      ),
    (user) => {
      setCreated(user.username);
      users.reload();
    },
  );
  const unitList = units.data ?? [];
  const activePersons = (persons.data ?? []).filter((p) => p.active);
  const now = Date.now();
  return (
    <section className="card">
      <h2>{t('users.title')}</h2>
      <ErrorText error={users.error ?? units.error} />
      <table aria-label="users">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.unit')}</th>
            <th>{t('users.kind')}</th>
            <th>{t('users.person')}</th>
            <th>{t('users.totp')}</th>
            <th>{t('users.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <UserRow key={u.id} user={u} units={unitList} persons={activePersons} now={now} onChanged={users.reload} />
          ))}
        </tbody>
      </table>
      <h3>{t('users.add')}</h3>
      {unitList.length === 0 && <p className="warning">{t('staff.users.noUnits')}</p>}
      <form
        className="inline"
        aria-label="user"
        onSubmit={(e) => {
          setCreated('');
          form.submit(e);
        }}
      >
        <label>
          {t('users.username')}
          <input {...form.input('username')} required pattern="[A-Za-z0-9._@\-]{2,64}" autoComplete="off" />
        </label>
        <label>
          {t('users.displayName')}
          <input {...form.input('displayName')} required />
        </label>
        <label>
          {t('users.password')}
          <input type="password" {...form.input('password')} required minLength={12} autoComplete="new-password" />
          <span className="muted">{t('staff.password.rule')}</span>
        </label>
        <label>
          {t('users.unit')}
          <select {...form.input('unitId')} required>
            <option value="">{t('staff.users.chooseUnit')}</option>
            {unitList.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.kind')}
          <select {...form.input('kind')}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {enumLabel(t, 'userKind', k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.person')}
          <select {...form.input('personId')}>
            <option value="">{t('staff.users.noPerson')}</option>
            {activePersons
              .filter((p) => !form.fields.unitId || p.unitId === form.fields.unitId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" disabled={form.saving}>
          {t('app.create')}
        </button>
      </form>
      {created && (
        <p role="status" data-testid="user-created">
          {t('staff.users.created', { username: created })}
        </p>
      )}
      <ErrorText error={form.error} />
    </section>
  );
}
