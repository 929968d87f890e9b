import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enumLabel } from '../../i18n/enum-label.ts';
import { spanOf } from './track-math.ts';
import type { Track } from './types.ts';

/** Every track with its span and resolution: MASK, or JUSTIFIED (left visible) with a reason. */
export function TrackTable({ tracks, selected, locked, onSelect, onResolve }: { tracks: Track[]; selected: string | null; locked: boolean; onSelect: (track: Track) => void; onResolve: (trackId: string, resolution: 'MASK' | 'JUSTIFIED', justification?: string) => void }) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  return (
    <table data-testid="tracks">
      <thead>
        <tr>
          <th>{t('release.tracks.kind')}</th>
          <th>{t('release.tracks.source')}</th>
          <th>{t('release.tracks.span')}</th>
          <th>{t('release.tracks.resolution')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {tracks.map((track) => {
          const span = spanOf(track.keyframes);
          return (
            <tr key={track.id} data-track={track.id} data-resolution={track.resolution ?? 'UNRESOLVED'} className={track.id === selected ? 'selected' : ''}>
              <td>
                <button type="button" className="link" name="select" onClick={() => onSelect(track)}>
                  {enumLabel(t, 'releaseTrackKind', track.kind)}
                </button>
              </td>
              <td>{enumLabel(t, 'releaseTrackSource', track.source)}</td>
              <td>{span ? `${span.from.toFixed(2)}–${span.to.toFixed(2)} s (${track.keyframes.length})` : ''}</td>
              <td>
                <strong>{track.resolution ? enumLabel(t, 'releaseTrackResolution', track.resolution) : t('release.tracks.unresolved')}</strong>
                {track.justification && <div className="muted">{track.justification}</div>}
              </td>
              <td>
                {!locked && (
                  <div className="controls">
                    <button type="button" name="mask" onClick={() => onResolve(track.id, 'MASK')}>
                      {t('release.tracks.mask')}
                    </button>
                    <input
                      name="justification"
                      aria-label={t('release.tracks.justification')}
                      placeholder={t('release.tracks.justification')}
                      value={reasons[track.id] ?? ''}
                      onChange={(e) => setReasons((r) => ({ ...r, [track.id]: e.target.value }))}
                    />
                    <button type="button" name="justify" onClick={() => onResolve(track.id, 'JUSTIFIED', reasons[track.id])}>
                      {t('release.tracks.justify')}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
