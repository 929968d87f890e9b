import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { enumLabel } from '../../i18n/enum-label.ts';
import { legalDateTime } from '../../lib/legal-time.ts';
import type { ReleaseDetail } from './types.ts';

/** The release as the register holds it (REG-22-3): what, channel and URL, date, basis, approver, the file and its hash. */
export function ReleaseRecord({ release, cameraName }: { release: ReleaseDetail; cameraName: string }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('release.field.camera'), cameraName],
    [t('release.field.range'), `${legalDateTime(release.from)} – ${legalDateTime(release.to)}`],
    [t('release.field.basis'), `${enumLabel(t, 'releaseBasisType', release.basis.type)}: ${release.basis.text}`],
    [t('release.field.purpose'), release.purpose],
    [t('release.field.channel'), `${enumLabel(t, 'releaseChannel', release.channel)}${release.url ? ` · ${release.url}` : ''}`],
    [t('release.field.requester'), release.requestedBy.name],
    [t('release.field.approver'), release.approver ? `${release.approver.name} · ${legalDateTime(release.approver.at)}${release.approver.note ? ` · ${release.approver.note}` : ''}` : ''],
    [t('release.field.status'), enumLabel(t, 'releaseStatus', release.status)],
    [t('release.field.publishedAt'), legalDateTime(release.publishedAt)],
  ];
  return (
    <div>
      <dl className="facts" data-testid="release-record">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {release.file && (
        <p>
          {t('release.record.file')}: <code>{release.file.name}</code> ({release.file.bytes} B) · SHA-256 <code data-testid="release-sha256">{release.file.sha256}</code>{' '}
          <a href={`/api/releases/${encodeURIComponent(release.id)}/file`} download={release.file.name} data-testid="release-download">
            {t('release.record.download')}
          </a>
        </p>
      )}
      {release.manifest && (
        <details>
          <summary>{t('release.record.manifest')}</summary>
          <pre data-testid="release-manifest">{JSON.stringify(release.manifest, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
