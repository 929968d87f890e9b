import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Camera, Coverage } from '../api/types.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { ReasonDialog } from '../components/ReasonDialog.tsx';
import { Timeline } from '../components/Timeline.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { usePlayback } from '../hooks/usePlayback.ts';
import { useReasonGate } from '../hooks/useReasonGate.ts';
import { go } from '../hooks/useRoute.ts';
import { useTimeline } from '../hooks/useTimeline.ts';

const localDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const SPEEDS = [1, 2, 4];

/** Playback: camera and day, the timeline of recorded coverage, the player behind a reason. */
export function Playback({ cameraId, day, at }: { cameraId: string | undefined; day: string | null; at: string | null }) {
  const { t } = useTranslation();
  const gate = useReasonGate();
  const video = useRef<HTMLVideoElement>(null);
  const cameras = useAsync(() => api<Camera[]>('/api/cameras'), []);
  const camera = cameraId ?? cameras.data?.[0]?.id ?? '';
  const dayText = day ?? localDay(Date.now());
  const dayStart = new Date(`${dayText}T00:00:00`).getTime();
  const coverage = useAsync(
    () => (camera ? api<Coverage>(`/api/cameras/${encodeURIComponent(camera)}/coverage?from=${new Date(dayStart).toISOString()}&to=${new Date(dayStart + 86_400_000).toISOString()}`) : Promise.resolve(undefined)),
    [camera, dayStart],
  );
  const timeline = useTimeline(dayStart);
  const [selected, setSelected] = useState<number | null>(at ? Date.parse(at) : null);
  const player = usePlayback(video, camera, gate.ask);
  const cursor = player.position ?? selected;
  const pick = (ms: number) => {
    setSelected(ms);
    if (player.grant) void player.playFrom(ms);
  };
  return (
    <section className="card player">
      <div className="controls">
        <label>
          {t('player.camera')}{' '}
          <select name="camera" value={camera} onChange={(e) => go(`playback/${e.target.value}?day=${dayText}`)}>
            {cameras.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('player.day')} <input type="date" name="day" value={dayText} onChange={(e) => go(`playback/${camera}?day=${e.target.value}`)} />
        </label>
        <button type="button" onClick={() => timeline.zoomIn(cursor ?? undefined)}>{t('player.zoomIn')}</button>
        <button type="button" onClick={() => timeline.zoomOut(cursor ?? undefined)}>{t('player.zoomOut')}</button>
        {cursor !== null && <span data-testid="position" data-at={new Date(cursor).toISOString()}>{t('player.at', { time: new Date(cursor).toLocaleString() })}</span>}
      </div>
      <Timeline view={timeline.view} coverage={coverage.data} cursor={cursor} onPick={pick} />
      <ErrorText error={coverage.error ?? cameras.error} />
      <div className="controls">
        <button type="button" name="play" disabled={selected === null} onClick={() => selected !== null && void player.playFrom(selected)}>
          {t('player.play')}
        </button>
        {selected === null && <span className="muted">{t('player.chooseInstant')}</span>}
        <button type="button" onClick={player.toggle}>{t('player.pause')} / {t('player.resume')}</button>
        <button type="button" onClick={() => player.step(-1)}>{t('player.stepBack')}</button>
        <button type="button" onClick={() => player.step(1)}>{t('player.stepForward')}</button>
        <span>{t('player.speed')}</span>
        {SPEEDS.map((s) => (
          <button key={s} type="button" aria-pressed={player.speed === s} onClick={() => player.setSpeed(s)}>
            {s}×
          </button>
        ))}
      </div>
      <ErrorText error={player.error} />
      <video ref={video} muted playsInline controls={false} data-testid="playback-video" />
      <ReasonDialog open={gate.open} onSubmit={gate.submit} onCancel={gate.cancel} />
    </section>
  );
}
