import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Camera, RecordingStatus } from '../api/types.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { LiveTile } from '../components/LiveTile.tsx';
import { ReasonDialog } from '../components/ReasonDialog.tsx';
import { useAskOnce } from '../hooks/useAskOnce.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useReasonGate } from '../hooks/useReasonGate.ts';
import type { LivePath } from '../hooks/useLiveStream.ts';
import { go } from '../hooks/useRoute.ts';

const LAYOUTS = [1, 4, 9, 16] as const;

/** The live grid (1, 4, 9 or 16 tiles) or, with a camera id, the single view. */
export function LiveGrid({ layout, cameraId, path }: { layout: number; cameraId?: string; path?: LivePath }) {
  const { t } = useTranslation();
  const gate = useReasonGate();
  const askReason = useAskOnce(gate.ask);
  const cameras = useAsync(() => api<Camera[]>('/api/cameras?status=ACTIVE'), []);
  const status = useAsync(() => api<{ cameras: RecordingStatus[] }>('/api/recording/status'), []);
  const n = cameraId ? 1 : (LAYOUTS.find((l) => l === layout) ?? 4);
  const shown = (cameras.data ?? []).filter((c) => !cameraId || c.id === cameraId).slice(0, n);
  const codecOf = (id: string) => status.data?.cameras.find((s) => s.cameraId === id)?.codec;
  return (
    <section>
      <div className="controls">
        <h2 style={{ margin: 0 }}>{cameraId ? (shown[0]?.name ?? cameraId) : t('live.title')}</h2>
        {!cameraId && (
          <label>
            {t('live.layout')}{' '}
            <select value={n} onChange={(e) => go(`live?layout=${e.target.value}`)} name="layout">
              {LAYOUTS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
        )}
        {cameraId && <a href={`#/playback/${cameraId}`}>{t('nav.playback')}</a>}
        {cameraId && <a href="#/live">{t('nav.live')}</a>}
      </div>
      <ErrorText error={cameras.error} />
      {cameras.data && shown.length === 0 && <p>{t('live.noCameras')}</p>}
      <div className={`grid n${n}`}>
        {shown.map((c) => (
          <LiveTile key={c.id} cameraId={c.id} name={c.name} codec={codecOf(c.id)} askReason={askReason} {...(path ? { path } : {})} />
        ))}
      </div>
      <ReasonDialog open={gate.open} onSubmit={gate.submit} onCancel={gate.cancel} />
    </section>
  );
}
