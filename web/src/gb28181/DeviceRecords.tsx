import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { legalDateTimeIn, legalToday } from '../lib/legal-time.ts';
import { gbApi, type GbChannel } from './gb-api.ts';
import { fileSize } from './gb-labels.ts';

/** The device's own recordings of a linked channel on one day (RecordInfo): what the device keeps beside Custos. */
export function DeviceRecords({ deviceId, channel, onClose }: { deviceId: string; channel: GbChannel; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState(legalToday());
  const records = useAsync(() => gbApi.records(deviceId, channel.channelId, day), [deviceId, channel.channelId, day]);
  return (
    <div className="card" role="region" aria-label={t('gb28181.recordsTitle', { name: channel.cameraName ?? channel.channelId })}>
      <h4>{t('gb28181.recordsTitle', { name: channel.cameraName ?? channel.channelId })}</h4>
      <p className="muted">{t('gb28181.recordsHint')}</p>
      <label>
        {t('gb28181.day')} <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
      </label>{' '}
      <button type="button" onClick={onClose}>
        {t('gb28181.close')}
      </button>
      <ErrorText error={records.error} />
      {records.loading && <p className="muted">{t('gb28181.asking')}</p>}
      {records.data?.length === 0 && <p className="muted">{t('gb28181.noRecords')}</p>}
      {records.data && records.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('gb28181.col.from')}</th>
              <th>{t('gb28181.col.to')}</th>
              <th>{t('gb28181.col.type')}</th>
              <th>{t('gb28181.col.size')}</th>
            </tr>
          </thead>
          <tbody>
            {records.data.map((r) => (
              <tr key={`${r.startTime}-${r.filePath ?? ''}`} data-record={r.startTime}>
                <td>{legalDateTimeIn(r.startTime, i18n.language)}</td>
                <td>{legalDateTimeIn(r.endTime, i18n.language)}</td>
                <td>{r.type ? t(`gb28181.recordType.${r.type}`, { defaultValue: r.type }) : '—'}</td>
                <td>{fileSize(r.fileSize)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
