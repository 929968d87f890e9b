import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { enumLabel } from '../../i18n/enum-label.ts';
import { legalDateTime } from '../../lib/legal-time.ts';

/** Every request of the units the user can see, newest first. */
export function Art21List({ mayIntake }: { mayIntake: boolean }) {
  const { t } = useTranslation();
  const list = useAsync(() => ok(http.GET('/api/art21-requests', {})), []);
  return (
    <section className="card" data-testid="art21-list">
      <h2>{t('art21.title')}</h2>
      <p className="muted">{t('art21.explain')}</p>
      <div className="controls">
        {mayIntake && (
          <a className="button" href="#/art21/new" data-testid="art21-new">
            {t('art21.new')}
          </a>
        )}
        <button type="button" onClick={list.reload}>{t('art21.refresh')}</button>
      </div>
      <ErrorText error={list.error} />
      {list.data?.length === 0 && <p className="muted">{t('art21.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('art21.col.requester')}</th>
              <th>{t('art21.col.relationship')}</th>
              <th>{t('art21.col.purpose')}</th>
              <th>{t('art21.col.received')}</th>
              <th>{t('art21.col.due')}</th>
              <th>{t('art21.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((r) => (
              <tr key={r.id} data-request={r.id}>
                <td>
                  <a href={`#/art21/${encodeURIComponent(r.id)}`}>{r.requester.name}</a>
                </td>
                <td>
                  {enumLabel(t, 'art21Relationship', r.relationship)}
                  {r.relationshipSubtype ? `(${r.relationshipSubtype})` : ''}
                </td>
                <td>{enumLabel(t, 'art21Purpose', r.purpose)}</td>
                <td>{legalDateTime(r.receivedAt)}</td>
                <td>{r.status === 'PENDING_CONSENT' ? legalDateTime(r.dueAt) : '—'}</td>
                <td>
                  <span className="badge">{enumLabel(t, 'art21Status', r.status)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
