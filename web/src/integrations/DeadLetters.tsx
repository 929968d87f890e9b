import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useAction } from '../hooks/useCreateForm.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { eventTypeLabel } from './event-type-label.ts';

/** Messages whose every attempt failed, across endpoints, each redeliverable. */
export function DeadLetters({ mayManage, version }: { mayManage: boolean; version: number }) {
  const { t } = useTranslation();
  const dead = useAsync(() => ok(http.GET('/api/webhooks/dead-letters')), [version]);
  const action = useAction();
  const redeliver = (id: string) => action.run(() => ok(http.POST('/api/webhooks/deliveries/{id}/redeliver', { params: { path: { id } } })), dead.reload);
  return (
    <section className="card" aria-labelledby="dead-title">
      <h3 id="dead-title">{t('integrations.dead.title')}</h3>
      <ErrorText error={dead.error ?? action.error} />
      {dead.data?.length === 0 && <p className="muted">{t('integrations.dead.none')}</p>}
      {dead.data && dead.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('integrations.deliveries.message')}</th>
              <th>{t('integrations.dead.endpoint')}</th>
              <th>{t('integrations.deliveries.event')}</th>
              <th>{t('integrations.dead.created')}</th>
              <th>{t('integrations.deliveries.attempts')}</th>
              <th>{t('integrations.deliveries.error')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {dead.data.map((m) => (
              <tr key={m.id}>
                <td>
                  <code>{m.id}</code>
                </td>
                <td>
                  <code>{m.endpointId}</code>
                </td>
                <td>{eventTypeLabel(t, m.eventType)}</td>
                <td>{legalDateTime(m.createdAt)}</td>
                <td>{m.attempts}</td>
                <td>{m.lastError ?? ''}</td>
                <td>
                  {mayManage && (
                    <button type="button" disabled={action.busy} onClick={() => redeliver(m.id)}>
                      {t('integrations.deliveries.redeliver')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
