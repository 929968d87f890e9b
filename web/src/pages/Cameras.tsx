import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Camera } from '../api/types.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';

/** The registered cameras, with links to their form, live view and playback. */
export function Cameras({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const cameras = useAsync(() => api<Camera[]>('/api/cameras'), []);
  return (
    <section className="card">
      <h2>{t('cameras.title')}</h2>
      {canEdit && (
        <p>
          <a href="#/cameras/new">{t('cameras.add')}</a>
        </p>
      )}
      <ErrorText error={cameras.error} />
      <table>
        <thead>
          <tr>
            <th>{t('cameras.name')}</th>
            <th>{t('cameras.status')}</th>
            <th>{t('cameras.area')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {cameras.data?.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.status}</td>
              <td>{c.publicSecurityArea ?? '—'}</td>
              <td>
                {canEdit && <a href={`#/cameras/${c.id}`}>{t('app.edit')}</a>} <a href={`#/live/${c.id}`}>{t('cameras.live')}</a>{' '}
                <a href={`#/playback/${c.id}`}>{t('cameras.playback')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
