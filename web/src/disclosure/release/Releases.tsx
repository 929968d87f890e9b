import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { enumLabel } from '../../i18n/enum-label.ts';
import { legalDateTime } from '../../lib/legal-time.ts';
import { cameraName, useCameras } from '../../evidence/common.ts';

/** The release register (REG-22-3): what went out, where, when, on what basis, who approved, the file's hash. */
export function Releases({ mayCreate }: { mayCreate: boolean }) {
  const { t } = useTranslation();
  const releases = useAsync(() => ok(http.GET('/api/releases', { params: { query: {} } })), []);
  const cameras = useCameras();
  return (
    <section className="card">
      <h2>{t('release.list.title')}</h2>
      <p className="muted">{t('release.list.explain')}</p>
      <div className="controls">
        {mayCreate && <a href="#/releases/new">{t('release.list.new')}</a>}
        <button type="button" name="refresh" onClick={releases.reload}>
          {t('release.list.refresh')}
        </button>
      </div>
      <ErrorText error={releases.error} />
      <table data-testid="releases">
        <thead>
          <tr>
            <th>{t('release.field.camera')}</th>
            <th>{t('release.field.range')}</th>
            <th>{t('release.field.channel')}</th>
            <th>{t('release.field.basis')}</th>
            <th>{t('release.field.status')}</th>
            <th>{t('release.field.approver')}</th>
            <th>{t('release.field.sha256')}</th>
          </tr>
        </thead>
        <tbody>
          {releases.data?.map((r) => (
            <tr key={r.id} data-release={r.id} data-status={r.status}>
              <td>
                <a href={`#/releases/${r.id}`}>{cameraName(cameras.data, r.cameraId)}</a>
              </td>
              <td>
                {legalDateTime(r.from)} – {legalDateTime(r.to)}
              </td>
              <td>
                {enumLabel(t, 'releaseChannel', r.channel)}
                {r.url && <div className="muted">{r.url}</div>}
              </td>
              <td>
                {enumLabel(t, 'releaseBasisType', r.basis.type)}: {r.basis.text}
              </td>
              <td>
                <strong>{enumLabel(t, 'releaseStatus', r.status)}</strong>
                {r.publishedAt && <div className="muted">{legalDateTime(r.publishedAt)}</div>}
              </td>
              <td>{r.approver?.name ?? ''}</td>
              <td>
                <code>{r.file?.sha256.slice(0, 16) ?? ''}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {releases.data?.length === 0 && <p className="muted">{t('release.list.empty')}</p>}
    </section>
  );
}
