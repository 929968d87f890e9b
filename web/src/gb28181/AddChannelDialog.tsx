import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useAction } from '../hooks/useCreateForm.ts';
import { GB_TRANSPORTS, gbApi, type GbChannel, type GbTransport } from './gb-api.ts';

/** "Add as camera": the site it belongs to, its name, and how the device sends its stream. The camera starts inactive. */
export function AddChannelDialog({ deviceId, channel, onClose, onAdded }: { deviceId: string; channel: GbChannel; onClose: () => void; onAdded: (cameraId: string) => void }) {
  const { t } = useTranslation();
  const sites = useAsync(() => ok(http.GET('/api/sites')), []);
  const [siteId, setSiteId] = useState('');
  const [name, setName] = useState(channel.name ?? '');
  const [transport, setTransport] = useState<GbTransport>('udp');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const added = await gbApi.addChannel(deviceId, channel.channelId, { siteId, transport, ...(name.trim() ? { name: name.trim() } : {}) });
      onAdded(added.cameraId);
    });
  };
  return (
    <div role="dialog" aria-label={t('gb28181.addTitle')} className="card">
      <h4>{t('gb28181.addTitle')}</h4>
      <p className="muted">{t('gb28181.addHint', { channelId: channel.channelId })}</p>
      <form onSubmit={submit} className="add-form">
        <label>
          {t('gb28181.site')}{' '}
          <select required value={siteId} onChange={(e) => setSiteId(e.target.value)} name="siteId">
            <option value="">—</option>
            {sites.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('gb28181.cameraName')} <input name="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('gb28181.transport')}{' '}
          <select name="transport" value={transport} onChange={(e) => setTransport(e.target.value as GbTransport)}>
            {GB_TRANSPORTS.map((x) => (
              <option key={x} value={x}>
                {t(`gb28181.transports.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={action.busy || !siteId}>
          {t('gb28181.add')}
        </button>{' '}
        <button type="button" onClick={onClose}>
          {t('gb28181.cancel')}
        </button>
      </form>
      <ErrorText error={sites.error ?? action.error} />
    </div>
  );
}
