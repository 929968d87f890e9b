import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { bytes, cameraName, shanghai, useCameras } from './common.ts';
import { FindingList } from './Findings.tsx';

/**
 * The capacity forecast (REG-15-9): for the disk, how many days of footage fit at today's ingest; for each
 * camera, its share of those days against the days it must keep. The sweep never deletes under the floor.
 */
export function Capacity() {
  const { t } = useTranslation();
  const report = useAsync(() => ok(http.GET('/api/retention/capacity')), []);
  const cameras = useCameras();
  const r = report.data;
  const f = r?.forecast;
  const days = (n: number | null | undefined) => (n === null || n === undefined ? t('retention.capacity.noIngest') : t('retention.daysN', { count: Math.floor(n) }));
  return (
    <>
      <p className="muted">{t('retention.capacity.explain')}</p>
      <ErrorText error={report.error} />
      {f && r && (
        <>
          <h3>{t('retention.capacity.disk')}</h3>
          <table data-testid="capacity-disk">
            <tbody>
              <tr>
                <th>{t('retention.capacity.achievable')}</th>
                <td data-testid="achievable-days">
                  <strong>{days(f.achievableDays)}</strong> ({t('retention.capacity.required', { days: f.retentionDays })})
                </td>
              </tr>
              <tr>
                <th>{t('retention.capacity.free')}</th>
                <td>
                  {bytes(f.freeBytes)} / {bytes(f.totalBytes)}
                </td>
              </tr>
              <tr>
                <th>{t('retention.capacity.stored')}</th>
                <td>{bytes(f.storedBytes)}</td>
              </tr>
              <tr>
                <th>{t('retention.capacity.ingest')}</th>
                <td>{t('retention.capacity.perDay', { size: bytes(f.dailyIngestBytes) })}</td>
              </tr>
              <tr>
                <th>{t('retention.capacity.needed')}</th>
                <td>{bytes(f.neededBytes)}</td>
              </tr>
              <tr>
                <th>{t('retention.capacity.atRisk')}</th>
                <td>{f.daysUntilAtRisk === null ? t('retention.capacity.fits') : t('retention.daysN', { count: Math.floor(f.daysUntilAtRisk) })}</td>
              </tr>
              <tr>
                <th>{t('retention.capacity.reserve')}</th>
                <td>
                  {bytes(f.reserveBytes)} {f.exhausted && <strong className="error">{t('retention.capacity.exhausted')}</strong>}
                </td>
              </tr>
            </tbody>
          </table>
          <h3>{t('retention.capacity.perCamera')}</h3>
          <table data-testid="capacity-cameras">
            <thead>
              <tr>
                <th>{t('evidence.camera')}</th>
                <th>{t('retention.capacity.ingest')}</th>
                <th>{t('retention.capacity.stored')}</th>
                <th>{t('retention.capacity.keep')}</th>
                <th>{t('retention.capacity.fitDays')}</th>
                <th>{t('retention.cameras.priority')}</th>
              </tr>
            </thead>
            <tbody>
              {r.cameras.map((c) => {
                // Each camera's share of the usable space is its share of the daily ingest: the disk's days for all.
                const fit = c.bytesPerDay > 0 && f.dailyIngestBytes > 0 ? f.usableBytes / f.dailyIngestBytes : null;
                const short = fit !== null && fit < c.keepDays;
                return (
                  <tr key={c.cameraId} data-camera={c.cameraId}>
                    <td>{cameraName(cameras.data, c.cameraId)}</td>
                    <td>{t('retention.capacity.perDay', { size: bytes(c.bytesPerDay) })}</td>
                    <td>{bytes(c.storedBytes)}</td>
                    <td>{t('retention.daysN', { count: c.keepDays })}</td>
                    <td className={short ? 'error' : ''}>{days(fit)}</td>
                    <td>
                      {enumLabel(t, 'cameraPriority', c.priority)}
                      {c.suspended && <div className="error">{t('retention.cameras.suspended')}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {r.suspended.length > 0 && (
            <>
              <h3>{t('retention.capacity.suspendedTitle')}</h3>
              <ul>
                {r.suspended.map((s) => (
                  <li key={s.cameraId}>
                    {cameraName(cameras.data, s.cameraId)} · {s.reason} · {shanghai(s.since)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <FindingList findings={r.findings} />
          <p className="muted">{t('retention.capacity.at', { at: shanghai(r.at) })}</p>
        </>
      )}
    </>
  );
}
