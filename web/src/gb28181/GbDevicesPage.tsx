import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { usePolled } from '../alarms/alarm-api.ts';
import { legalDateTimeIn } from '../lib/legal-time.ts';
import { gbApi } from './gb-api.ts';
import { deviceState, keepaliveAge } from './gb-labels.ts';
import { GbDevicePanel } from './GbDevicePanel.tsx';

/**
 * `#/gb28181[/<deviceId>]`: the GB/T 28181 devices that registered (online state, last keep-alive, in
 * the inventory or not) and, for the chosen device, its channels. The server decides what each user sees.
 */
export function GbDevicesPage({ deviceId, mayConfigure }: { deviceId: string | undefined; mayConfigure: boolean }) {
  const { t, i18n } = useTranslation();
  const devices = usePolled(() => gbApi.devices(), []);
  const now = Date.now();
  return (
    <div className="page gb28181">
      <section className="card">
        <h2>{t('gb28181.title')}</h2>
        <p className="muted">{t('gb28181.intro')}</p>
        <ErrorText error={devices.error} />
        {devices.data?.length === 0 && <p className="muted">{t('gb28181.noDevices')}</p>}
        {devices.data && devices.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>{t('gb28181.col.device')}</th>
                <th>{t('gb28181.col.name')}</th>
                <th>{t('gb28181.col.product')}</th>
                <th>{t('gb28181.col.state')}</th>
                <th>{t('gb28181.col.keepalive')}</th>
                <th>{t('gb28181.col.address')}</th>
                <th>{t('gb28181.col.channels')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.data.map((d) => {
                const state = deviceState(d);
                const age = keepaliveAge(d.lastKeepaliveAt, now);
                return (
                  <tr key={d.deviceId} data-device={d.deviceId} className={d.deviceId === deviceId ? 'selected' : ''}>
                    <td>
                      <a href={`#/gb28181/${d.deviceId}`}>
                        <code>{d.deviceId}</code>
                      </a>
                    </td>
                    <td>{d.name ?? '—'}</td>
                    <td>{[d.manufacturer, d.model, d.firmware].filter(Boolean).join(' · ') || '—'}</td>
                    <td>
                      <span className={`badge ${state === 'unknown' ? 'NONCOMPLIANT' : state}`} data-state={state}>
                        {t(`gb28181.state.${state}`)}
                      </span>
                    </td>
                    <td title={legalDateTimeIn(d.lastKeepaliveAt, i18n.language)}>{age !== null && age < 600 ? t('gb28181.secondsAgo', { count: age }) : legalDateTimeIn(d.lastKeepaliveAt, i18n.language) || '—'}</td>
                    <td>{d.host ? `${d.host}:${d.port ?? ''} (${d.transport})` : d.transport}</td>
                    <td>{d.channelCount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {deviceId && <GbDevicePanel key={deviceId} deviceId={deviceId} mayConfigure={mayConfigure} onChange={devices.reload} />}
    </div>
  );
}
