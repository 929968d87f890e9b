import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useCreateForm.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { PersonSelect } from './PersonSelect.tsx';
import { UserTokens } from './UserTokens.tsx';

type User = ResponseOf<'/api/users'>[number];

/** One account: its unit (changeable), kind, staff record, second factor and state, with lock, unlock, resets and tokens. */
export function UserRow({ user: u, units, persons, now, onChanged }: { user: User; units: { id: string; name: string }[]; persons: { id: string; name: string; unitId: string | null }[]; now: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [notice, setNotice] = useState('');
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [showTokens, setShowTokens] = useState(false);
  const id = u.id;
  const path = { params: { path: { id } } };
  const done = (message: string) => () => {
    setNotice(message);
    onChanged();
  };
  /** 200: the reset took effect; 202: it waits for a second administrator (the answer is the pending request). */
  const outcome = (answer: object) => ('kind' in answer && 'expiresAt' in answer ? t('staff.users.resetPending') : t('staff.users.resetApplied'));
  const resetPassword = () =>
    action.run(async () => {
      const answer = await ok(http.POST('/api/users/{id}/reset-password', { ...path, body: { password } }));
      setPassword('');
      setResetting(false);
      setNotice(outcome(answer));
      onChanged();
    });
  const resetTotp = () =>
    action.run(async () => {
      setNotice(outcome(await ok(http.POST('/api/users/{id}/reset-totp', path))));
      onChanged();
    });
  const locked = u.lockedUntil !== null && Date.parse(u.lockedUntil) > now;
  return (
    <tr data-user={u.username}>
      <td>{u.username}</td>
      <td>{u.displayName}</td>
      <td>
        <select
          name="unitId"
          aria-label={t('users.unit')}
          value={u.unitId ?? ''}
          disabled={action.busy}
          className={u.unitId ? '' : 'error'}
          onChange={(e) => e.target.value && action.run(() => ok(http.PATCH('/api/users/{id}', { ...path, body: { unitId: e.target.value } })), done(t('cameras.saved')))}
        >
          {!u.unitId && <option value="">{t('staff.users.chooseUnit')}</option>}
          {units.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </select>
      </td>
      <td>{enumLabel(t, 'userKind', u.kind)}</td>
      <td>
        <PersonSelect userId={id} personId={u.personId} persons={persons.filter((p) => !u.unitId || !p.unitId || p.unitId === u.unitId)} onChanged={onChanged} />
      </td>
      <td>{u.totpEnabled ? '✓' : '—'}</td>
      <td>
        {u.active ? t('staff.users.active') : <span className="error">{t('staff.users.inactive')}</span>}
        {locked && <div className="error">{t('staff.users.lockedUntil', { at: legalDateTime(u.lockedUntil) })}</div>}
        {u.failedLogins > 0 && <div className="muted">{t('staff.users.failedLogins', { count: u.failedLogins })}</div>}
      </td>
      <td>
        <div className="inline">
          {u.active ? (
            <button type="button" disabled={action.busy} onClick={() => action.run(() => ok(http.POST('/api/users/{id}/deactivate', path)), done(t('staff.users.lockedDone')))}>
              {t('staff.users.lock')}
            </button>
          ) : (
            <button type="button" disabled={action.busy} onClick={() => action.run(() => ok(http.PATCH('/api/users/{id}', { ...path, body: { active: true } })), done(t('staff.users.reactivated')))}>
              {t('staff.users.reactivate')}
            </button>
          )}
          {(locked || u.failedLogins > 0) && (
            <button type="button" disabled={action.busy} onClick={() => action.run(() => ok(http.POST('/api/users/{id}/unlock', path)), done(t('staff.users.unlocked')))}>
              {t('staff.users.unlock')}
            </button>
          )}
          <button type="button" onClick={() => setResetting(!resetting)}>
            {t('staff.users.resetPassword')}
          </button>
          {u.totpEnabled && (
            <button type="button" disabled={action.busy} onClick={resetTotp}>
              {t('staff.users.resetTotp')}
            </button>
          )}
          <button type="button" onClick={() => setShowTokens(!showTokens)}>
            {t('staff.users.tokens')}
          </button>
        </div>
        {resetting && (
          <form
            className="inline"
            aria-label="reset-password"
            onSubmit={(e) => {
              e.preventDefault();
              resetPassword();
            }}
          >
            <input type="password" name="newPassword" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={12} placeholder={t('staff.password.rule')} />
            <button type="submit" disabled={action.busy}>
              {t('app.save')}
            </button>
          </form>
        )}
        {showTokens && <UserTokens userId={id} />}
        {notice && <div role="status">{notice}</div>}
        <ErrorText error={action.error} />
      </td>
    </tr>
  );
}
