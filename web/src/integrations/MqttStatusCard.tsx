import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { legalDateTime } from '../lib/legal-time.ts';

/** The MQTT publisher as the server runs it, and its configuration as read from YAML (never the password). */
export function MqttStatusCard() {
  const { t } = useTranslation();
  const status = useAsync(() => ok(http.GET('/api/events/mqtt')), []);
  const s = status.data;
  const yes = (v: boolean) => (v ? t('integrations.mqtt.yes') : t('integrations.mqtt.no'));
  return (
    <section className="card" aria-labelledby="mqtt-title">
      <h3 id="mqtt-title">{t('integrations.mqtt.title')}</h3>
      <ErrorText error={status.error} />
      {s && !s.enabled && <p className="muted">{t('integrations.mqtt.off')}</p>}
      {s?.enabled && (
        <>
          <p data-testid="mqtt-state">
            <strong className={s.connected ? 'ok' : 'warn'}>{s.connected ? t('integrations.mqtt.connected') : t('integrations.mqtt.disconnected')}</strong>
          </p>
          <dl className="facts">
            <dt>{t('integrations.mqtt.broker')}</dt>
            <dd>{s.url}</dd>
            <dt>{t('integrations.mqtt.clientId')}</dt>
            <dd>{s.clientId}</dd>
            {s.username && (
              <>
                <dt>{t('integrations.mqtt.username')}</dt>
                <dd>{s.username}</dd>
              </>
            )}
            <dt>{t('integrations.mqtt.prefix')}</dt>
            <dd>
              <code>{s.topicPrefix}/…</code>
            </dd>
            <dt>{t('integrations.mqtt.retain')}</dt>
            <dd>{yes(s.retain)}</dd>
            <dt>{t('integrations.mqtt.discovery')}</dt>
            <dd>{s.haDiscovery ? <code>{s.discoveryPrefix}/binary_sensor/…</code> : yes(false)}</dd>
            <dt>{t('integrations.mqtt.sent')}</dt>
            <dd>{s.messagesSent}</dd>
            <dt>{t('integrations.mqtt.queued')}</dt>
            <dd>{s.queued}</dd>
            <dt>{t('integrations.mqtt.dropped')}</dt>
            <dd>{s.messagesDropped}</dd>
            <dt>{t('integrations.mqtt.lastConnected')}</dt>
            <dd>{s.lastConnectedAt ? legalDateTime(s.lastConnectedAt) : '—'}</dd>
            {s.lastError && (
              <>
                <dt>{t('integrations.mqtt.lastError')}</dt>
                <dd>
                  {s.lastError} ({legalDateTime(s.lastErrorAt)})
                </dd>
              </>
            )}
          </dl>
          <p className="muted">{t('integrations.mqtt.readOnly')}</p>
        </>
      )}
    </section>
  );
}
