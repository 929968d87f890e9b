import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { EmptyTile, LiveTile } from '../components/LiveTile.tsx';
import { toggleFullscreen } from '../components/LiveTileBar.tsx';
import { PtzPad } from '../onvif/PtzPad.tsx';
import { ReasonDialog } from '../components/ReasonDialog.tsx';
import { useAskOnce } from '../hooks/useAskOnce.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useReasonGate } from '../hooks/useReasonGate.ts';
import type { LivePath } from '../hooks/useLiveStream.ts';
import { go } from '../hooks/useRoute.ts';
import { useRecordingStatus } from '../hooks/useRecordingStatus.ts';
import { useWall } from '../hooks/useWall.ts';

const LAYOUTS = [1, 4, 9, 16] as const;

/** The live wall (1, 4, 9 or 16 tiles, each showing a camera picked into it) or, with a camera id, the single view. */
export function LiveGrid({ layout, cameraId, path }: { layout: number; cameraId?: string; path?: LivePath }) {
  const { t } = useTranslation();
  const gate = useReasonGate();
  const askReason = useAskOnce(gate.ask);
  const wallRef = useRef<HTMLDivElement>(null);
  // Only active cameras are offered: the others cannot be watched.
  const cameras = useAsync(() => ok(http.GET('/api/cameras', { params: { query: { status: 'ACTIVE' } } })), []);
  const status = useRecordingStatus();
  const wall = useWall(cameras.data?.map((c) => c.id));
  const n = cameraId ? 1 : (LAYOUTS.find((l) => l === layout) ?? 4);
  const byId = new Map((cameras.data ?? []).map((c) => [c.id, c]));
  const statusOf = (id: string) => status?.find((s) => s.cameraId === id);
  const slots = cameraId ? [cameraId] : Array.from({ length: n }, (_, i) => wall.slots[i] ?? null);
  const single = cameraId ? byId.get(cameraId) : undefined;
  return (
    <section>
      <div className="controls">
        <h2 style={{ margin: 0 }}>{cameraId ? (single?.name ?? '') : t('live.title')}</h2>
        {!cameraId && (
          <label>
            {t('live.layout')}{' '}
            <select value={n} onChange={(e) => go(`live?layout=${e.target.value}`)} name="layout">
              {LAYOUTS.map((l) => (
                <option key={l} value={l}>
                  {t('wall.layoutOption', { n: l })}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" name="wall-fullscreen" onClick={() => toggleFullscreen(wallRef.current)}>
          {t('wall.wallFullscreen')}
        </button>
        {cameraId && <a href={`#/playback/${cameraId}`}>{t('nav.playback')}</a>}
        {cameraId && <a href="#/live">{t('nav.live')}</a>}
      </div>
      <ErrorText error={cameras.error} />
      {cameras.data && cameras.data.length === 0 && <p>{t('live.noCameras')}</p>}
      <div className={`grid n${n}`} ref={wallRef} data-testid="live-wall">
        {cameras.data &&
          slots.map((id, index) => {
            const camera = id ? byId.get(id) : undefined;
            const state = camera && statusOf(camera.id);
            return camera ? (
              <LiveTile
                key={`${index}:${camera.id}`}
                camera={camera}
                codec={state?.codec}
                recording={state ? state.state === 'online' : undefined}
                askReason={askReason}
                {...(path ? { path } : {})}
                {...(cameraId ? {} : { onClose: () => wall.set(index, null) })}
              />
            ) : (
              <EmptyTile key={`${index}:empty`} cameras={cameras.data ?? []} onPick={(picked) => wall.set(index, picked)} />
            );
          })}
      </div>
      {single?.deviceType === 'PTZ' && <PtzPad cameraId={single.id} />}
      <ReasonDialog open={gate.open} onSubmit={gate.submit} onCancel={gate.cancel} />
    </section>
  );
}
