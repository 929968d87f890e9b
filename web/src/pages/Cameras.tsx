import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { enumLabel } from '../i18n/enum-label.ts';
import { DiscoverCameras } from '../onvif/DiscoverCameras.tsx';

/** The registered cameras with their site and status, and links to their form, the site plan, live view (active cameras only) and playback. */
export function Cameras({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const cameras = useAsync(() => ok(http.GET('/api/cameras')), []);
  const sites = useAsync(() => ok(http.GET('/api/sites')), []);
  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? id;
  return (
    <section className="card">
      <h2>{t('cameras.title')}</h2>
      {canEdit && (
        <p>
          <a href="#/cameras/new">{t('cameras.add')}</a>
        </p>
      )}
      {canEdit && <DiscoverCameras onAdded={cameras.reload} />}
      <ErrorText error={cameras.error ?? sites.error} />
      <table>
        <thead>
          <tr>
            <th>{t('cameras.name')}</th>
            <th>{t('cameras.site')}</th>
            <th>{t('cameras.status')}</th>
            <th>{t('cameras.area')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {cameras.data?.map((c) => (
            <tr key={c.id} data-camera={c.id}>
              <td>{c.name}</td>
              <td>
                <a href={`#/plan/${encodeURIComponent(c.siteId)}`}>{siteName(c.siteId)}</a>
              </td>
              <td data-status={c.status}>{enumLabel(t, 'cameraStatus', c.status)}</td>
              <td>{c.publicSecurityArea ? enumLabel(t, 'publicSecurityArea', c.publicSecurityArea) : '—'}</td>
              <td>
                {canEdit && <a href={`#/cameras/${encodeURIComponent(c.id)}`}>{t('app.edit')}</a>}{' '}
                {c.status === 'ACTIVE' && <a href={`#/live/${encodeURIComponent(c.id)}`}>{t('cameras.live')}</a>} <a href={`#/playback/${encodeURIComponent(c.id)}`}>{t('cameras.playback')}</a> <a href={`#/health/${encodeURIComponent(c.id)}`}>{t('alarms.health')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
