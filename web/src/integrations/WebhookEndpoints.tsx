import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useAction } from '../hooks/useCreateForm.ts';
import { eventTypeLabel } from './event-type-label.ts';
import { SecretOnce } from './SecretOnce.tsx';
import { WebhookAddForm } from './WebhookAddForm.tsx';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';

/** Webhook endpoints: added here (enable, rotate, test, remove) or declared in YAML (read-only); one's deliveries below. */
export function WebhookEndpoints({ mayManage, onChange }: { mayManage: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const endpoints = useAsync(() => ok(http.GET('/api/webhooks')), []);
  const action = useAction();
  const [secret, setSecret] = useState<string>();
  const [open, setOpen] = useState<string>();
  const [note, setNote] = useState<string>();
  const after = () => {
    endpoints.reload();
    onChange();
  };
  const path = (id: string) => ({ params: { path: { id } } });
  const setEnabled = (id: string, enabled: boolean) => action.run(() => ok(http.PATCH('/api/webhooks/{id}', { ...path(id), body: { enabled } })), after);
  const rotate = (id: string) => action.run(async () => setSecret((await ok(http.POST('/api/webhooks/{id}/rotate-secret', path(id)))).secret), after);
  const test = (id: string) => action.run(async () => {
    await ok(http.POST('/api/webhooks/{id}/test', path(id)));
    setNote(t('integrations.webhooks.testQueued'));
  }, after);
  const remove = (id: string) => {
    if (!window.confirm(t('integrations.webhooks.confirmRemove'))) return;
    void action.run(() => ok(http.DELETE('/api/webhooks/{id}', path(id))), after);
  };
  const shown = endpoints.data?.find((e) => e.id === open);
  return (
    <section className="card" aria-labelledby="webhooks-title">
      <h3 id="webhooks-title">{t('integrations.webhooks.title')}</h3>
      <ErrorText error={endpoints.error ?? action.error} />
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(undefined)} />}
      {note && <p className="muted">{note}</p>}
      {endpoints.data?.length === 0 && <p className="muted">{t('integrations.webhooks.none')}</p>}
      {endpoints.data && endpoints.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('integrations.webhooks.url')}</th>
              <th>{t('integrations.webhooks.description')}</th>
              <th>{t('integrations.webhooks.events')}</th>
              <th>{t('integrations.webhooks.source')}</th>
              <th>{t('integrations.deliveries.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {endpoints.data.map((e) => (
              <tr key={e.id}>
                <td>
                  <code>{e.url}</code>
                </td>
                <td>{e.description}</td>
                <td>{e.eventTypes.length === 0 ? t('integrations.webhooks.allEvents') : e.eventTypes.map((type) => eventTypeLabel(t, type)).join(', ')}</td>
                <td>{t(`integrations.webhooks.source${e.source}`)}</td>
                <td>{e.enabled ? t('integrations.webhooks.enabled') : t('integrations.webhooks.disabled')}</td>
                <td className="actions">
                  <button type="button" onClick={() => setOpen(open === e.id ? undefined : e.id)}>
                    {t('integrations.webhooks.deliveries')}
                  </button>
                  {mayManage && (
                    <button type="button" disabled={action.busy} onClick={() => test(e.id)}>
                      {t('integrations.webhooks.test')}
                    </button>
                  )}
                  {mayManage && e.source === 'API' && (
                    <>
                      <button type="button" disabled={action.busy} onClick={() => setEnabled(e.id, !e.enabled)}>
                        {e.enabled ? t('integrations.webhooks.disable') : t('integrations.webhooks.enable')}
                      </button>
                      <button type="button" disabled={action.busy} onClick={() => rotate(e.id)}>
                        {t('integrations.webhooks.rotate')}
                      </button>
                      <button type="button" disabled={action.busy} onClick={() => remove(e.id)}>
                        {t('integrations.webhooks.remove')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayManage && (
        <WebhookAddForm
          onAdded={(s) => {
            setSecret(s);
            after();
          }}
        />
      )}
      {shown && <WebhookDeliveries key={shown.id} id={shown.id} url={shown.url} mayManage={mayManage} />}
    </section>
  );
}
