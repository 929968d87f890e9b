import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useAction } from '../hooks/useCreateForm.ts';
import { legalDateTimeIn } from '../lib/legal-time.ts';
import { AddChannelDialog } from './AddChannelDialog.tsx';
import { DeviceRecords } from './DeviceRecords.tsx';
import { gbApi, type GbChannel } from './gb-api.ts';
import { codeTypeKey, ptzTypeKey } from './gb-labels.ts';

/** One device's channels (its catalog): status, PTZ type, linked camera; refresh, add as camera, unlink, recordings. */
export function GbDevicePanel({ deviceId, mayConfigure, onChange }: { deviceId: string; mayConfigure: boolean; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const channels = useAsync(() => gbApi.channels(deviceId), [deviceId]);
  const [list, setList] = useState<GbChannel[] | undefined>();
  const [adding, setAdding] = useState<GbChannel | undefined>();
  const [records, setRecords] = useState<GbChannel | undefined>();
  const action = useAction();
  const shown = list ?? channels.data;
  const reload = () => {
    setList(undefined);
    channels.reload();
    onChange();
  };
  const refresh = () => void action.run(async () => setList(await gbApi.refreshCatalog(deviceId)), onChange);
  const unlink = (c: GbChannel) => void action.run(() => gbApi.unlink(deviceId, c.channelId), reload);
  return (
    <section className="card" aria-label={t('gb28181.channelsOf', { deviceId })}>
      <h3>{t('gb28181.channelsOf', { deviceId })}</h3>
      {mayConfigure && (
        <p>
          <button type="button" onClick={refresh} disabled={action.busy} data-testid="refresh-catalog">
            {action.busy ? t('gb28181.refreshing') : t('gb28181.refresh')}
          </button>
        </p>
      )}
      <ErrorText error={channels.error ?? action.error} />
      {shown?.length === 0 && <p className="muted">{t('gb28181.noChannels')}</p>}
      {shown && shown.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('gb28181.col.channel')}</th>
              <th>{t('gb28181.col.name')}</th>
              <th>{t('gb28181.col.kind')}</th>
              <th>{t('gb28181.col.status')}</th>
              <th>{t('gb28181.col.ptz')}</th>
              <th>{t('gb28181.col.camera')}</th>
              <th>{t('gb28181.col.updated')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.channelId} data-channel={c.channelId}>
                <td>
                  <code>{c.channelId}</code>
                </td>
                <td>{c.name ?? '—'}</td>
                <td>{t(codeTypeKey(c.channelId))}</td>
                <td>{c.status ? <span className={`badge ${c.status === 'ON' ? 'online' : 'offline'}`}>{t(`gb28181.status.${c.status}`)}</span> : '—'}</td>
                <td>{t(ptzTypeKey(c.ptzType))}</td>
                <td>{c.cameraId ? <a href={`#/cameras/${encodeURIComponent(c.cameraId)}`}>{c.cameraName ?? c.cameraId}</a> : '—'}</td>
                <td>{legalDateTimeIn(c.updatedAt, i18n.language)}</td>
                <td>
                  {mayConfigure && c.isCamera && !c.cameraId && (
                    <button type="button" onClick={() => setAdding(c)} data-testid="add-as-camera">
                      {t('gb28181.addAsCamera')}
                    </button>
                  )}
                  {c.cameraId && (
                    <button type="button" onClick={() => setRecords(c)} data-testid="device-records">
                      {t('gb28181.records')}
                    </button>
                  )}{' '}
                  {mayConfigure && c.cameraId && (
                    <button type="button" onClick={() => unlink(c)} disabled={action.busy} data-testid="unlink">
                      {t('gb28181.unlink')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {adding && (
        <AddChannelDialog
          deviceId={deviceId}
          channel={adding}
          onClose={() => setAdding(undefined)}
          onAdded={() => {
            setAdding(undefined);
            reload();
          }}
        />
      )}
      {records && <DeviceRecords key={records.channelId} deviceId={deviceId} channel={records} onClose={() => setRecords(undefined)} />}
    </section>
  );
}
