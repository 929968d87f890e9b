import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok, type ResponseOf } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useCreateForm.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import type { Directory } from './useDirectory.ts';

type Grant = ResponseOf<'/api/grants'>[number];

/** One grant: who, what, over which object, its state; approve or reject with a note, or revoke with a reason. */
export function GrantRow({ grant: g, directory, onChanged }: { grant: Grant; directory: Directory; onChanged: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [revoking, setRevoking] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const decide = (decision: 'approve' | 'reject') =>
    action.run(() => {
      const path = decision === 'approve' ? '/api/grants/{id}/approve' : '/api/grants/{id}/reject';
      return ok(http.POST(path, { params: { path: { id: g.id } }, body: note.trim() ? { note: note.trim() } : {} }));
    }, onChanged);
  const revoke = () => action.run(() => ok(http.POST('/api/grants/{id}/revoke', { params: { path: { id: g.id } }, body: { reason } })), onChanged);
  const open = g.status === 'PENDING' || g.status === 'SUSPENDED';
  const inForce = g.status === 'ACTIVE' || g.status === 'SUSPENDED';
  return (
    <tr data-grant={g.id} data-status={g.status}>
      <td>{directory.userName(g.userId)}</td>
      <td>{directory.roleName(g.roleId)}</td>
      <td>
        {enumLabel(t, 'grantScopeType', g.scopeType)}
        {g.scopeId && <>: {directory.scopeName(g.scopeType, g.scopeId)}</>}
      </td>
      <td>
        <span className={`status-${g.status}`}>{enumLabel(t, 'grantStatus', g.status)}</span>
        {g.decisionNote && <div className="muted">{t('staff.grants.note')}: {g.decisionNote}</div>}
        {g.revokedAt && <div className="muted">{t('staff.grants.revokedAt', { at: legalDateTime(g.revokedAt) })}</div>}
      </td>
      <td>
        {g.reason}
        <div className="muted">{t('staff.grants.requestedBy', { who: directory.userName(g.requestedBy), at: legalDateTime(g.requestedAt) })}</div>
      </td>
      <td>
        {open && (
          <div className="inline">
            <input name="note" placeholder={t('staff.grants.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
            <button type="button" disabled={action.busy} onClick={() => decide('approve')}>
              {t('grants.approve')}
            </button>
            <button type="button" disabled={action.busy} onClick={() => decide('reject')}>
              {t('grants.reject')}
            </button>
          </div>
        )}
        {inForce && !revoking && (
          <button type="button" onClick={() => setRevoking(true)}>
            {t('staff.grants.revoke')}
          </button>
        )}
        {inForce && revoking && (
          <form
            className="inline"
            aria-label="revoke"
            onSubmit={(e) => {
              e.preventDefault();
              revoke();
            }}
          >
            <input name="revokeReason" placeholder={t('staff.grants.revokeReason')} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={4} maxLength={500} />
            <button type="submit" disabled={action.busy}>
              {t('staff.grants.confirmRevoke')}
            </button>
            <button type="button" onClick={() => setRevoking(false)}>
              {t('app.cancel')}
            </button>
          </form>
        )}
        <ErrorText error={action.error} />
      </td>
    </tr>
  );
}
