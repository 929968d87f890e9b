import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useAction } from '../hooks/useCreateForm.ts';
import { legalDateTime } from '../lib/legal-time.ts';
import { eventTypeLabel } from './event-type-label.ts';

/** An endpoint's recent messages (with redeliver for dead letters) and every attempt. */
export function WebhookDeliveries({ id, url, mayManage }: { id: string; url: string; mayManage: boolean }) {
  const { t } = useTranslation();
  const deliveries = useAsync(() => ok(http.GET('/api/webhooks/{id}/deliveries', { params: { path: { id } } })), [id]);
  const action = useAction();
  const redeliver = (messageId: string) => action.run(() => ok(http.POST('/api/webhooks/deliveries/{id}/redeliver', { params: { path: { id: messageId } } })), deliveries.reload);
  const data = deliveries.data;
  return (
    <section className="card" aria-label={t('integrations.deliveries.title', { url })}>
      <h4>{t('integrations.deliveries.title', { url })}</h4>
      <ErrorText error={deliveries.error ?? action.error} />
      {data?.messages.length === 0 && <p className="muted">{t('integrations.deliveries.none')}</p>}
      {data && data.messages.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('integrations.deliveries.message')}</th>
              <th>{t('integrations.deliveries.event')}</th>
              <th>{t('integrations.deliveries.state')}</th>
              <th>{t('integrations.deliveries.attempts')}</th>
              <th>{t('integrations.deliveries.next')}</th>
              <th>{t('integrations.deliveries.error')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.messages.map((m) => (
              <tr key={m.id}>
                <td>
                  <code>{m.id}</code>
                </td>
                <td>{eventTypeLabel(t, m.eventType)}</td>
                <td>{t(`integrations.deliveries.${m.state}`)}</td>
                <td>{m.attempts}</td>
                <td>{m.nextAttemptAt ? legalDateTime(m.nextAttemptAt) : '—'}</td>
                <td>{m.lastError ?? ''}</td>
                <td>
                  {mayManage && m.state === 'DEAD' && (
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
      {data && data.attempts.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('integrations.deliveries.message')}</th>
              <th>{t('integrations.deliveries.attempt')}</th>
              <th>{t('integrations.deliveries.at')}</th>
              <th>{t('integrations.deliveries.status')}</th>
              <th>{t('integrations.deliveries.duration')}</th>
              <th>{t('integrations.deliveries.error')}</th>
            </tr>
          </thead>
          <tbody>
            {data.attempts.map((a) => (
              <tr key={a.id}>
                <td>
                  <code>{a.messageId}</code>
                </td>
                <td>{a.attempt}</td>
                <td>{legalDateTime(a.at)}</td>
                <td>{a.statusCode ?? '—'}</td>
                <td>{a.durationMs}</td>
                <td>{a.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
