import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../api/client.ts';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { bytes, cameraName, shanghai, useCameras } from './common.ts';

/** The deletion log (REG-17-3): what was deleted, when and why, with its hash; never image content. CSV for the inspector. */
export function Deletions() {
  const { t } = useTranslation();
  const cameras = useCameras();
  const [cameraId, setCameraId] = useState('');
  const [policy, setPolicy] = useState<'' | 'RETENTION' | 'ORDERED'>('');
  const filter = { ...(cameraId ? { cameraId } : {}), ...(policy ? { policy } : {}) };
  const log = useAsync(() => ok(http.GET('/api/retention/deletions', { params: { query: { limit: 500, ...filter } } })), [cameraId, policy]);
  return (
    <>
      <p className="muted">{t('retention.deletions.explain')}</p>
      <div className="controls">
        <select aria-label={t('evidence.camera')} value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
          <option value="">{t('retention.deletions.allCameras')}</option>
          {cameras.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <select aria-label={t('retention.deletions.policy')} value={policy} onChange={(e) => setPolicy(e.target.value as typeof policy)}>
          <option value="">{t('retention.deletions.allPolicies')}</option>
          <option value="RETENTION">{enumLabel(t, 'deletionPolicy', 'RETENTION')}</option>
          <option value="ORDERED">{enumLabel(t, 'deletionPolicy', 'ORDERED')}</option>
        </select>
        <a href={`/api/retention/deletions.csv${query({ limit: 10000, ...filter })}`} download="custos-deletions.csv" data-testid="deletions-csv">
          {t('retention.deletions.csv')}
        </a>
      </div>
      <ErrorText error={log.error} />
      <table data-testid="deletions">
        <thead>
          <tr>
            <th>{t('retention.deletions.deletedAt')}</th>
            <th>{t('evidence.camera')}</th>
            <th>{t('retention.deletions.segment')}</th>
            <th>{t('evidence.range')}</th>
            <th>{t('retention.deletions.policy')}</th>
            <th>SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {log.data?.map((d) => (
            <tr key={d.id}>
              <td>{shanghai(d.deletedAt)}</td>
              <td>{cameraName(cameras.data, d.cameraId)}</td>
              <td>
                #{d.segmentSeq} · {bytes(d.bytes)}
              </td>
              <td>
                {shanghai(d.startAt)} – {shanghai(d.endAt)}
              </td>
              <td>
                {enumLabel(t, 'deletionPolicy', d.policy)}
                {d.orderRef && <div className="muted">{d.orderRef}</div>}
              </td>
              <td className="muted" style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {d.sha256}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.data?.length === 0 && <p className="muted">{t('retention.deletions.empty')}</p>}
    </>
  );
}
