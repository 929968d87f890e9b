import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlarmMarks } from '../alarms/useAlarmMarks.ts';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { ReasonDialog } from '../components/ReasonDialog.tsx';
import { RecordedDays } from '../components/RecordedDays.tsx';
import { Timeline, type Selection } from '../components/Timeline.tsx';
import { TimelineNotes } from '../components/TimelineNotes.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { usePlayback } from '../hooks/usePlayback.ts';
import { useReasonGate } from '../hooks/useReasonGate.ts';
import { go } from '../hooks/useRoute.ts';
import { useTimeline } from '../hooks/useTimeline.ts';
import { clockText, dayBounds, localDay, viewerZone } from '../lib/timeline-math.ts';

const SPEEDS = [0.5, 1, 2, 4, 8];
/** How often the coverage of a day that is still being recorded is fetched again. */
const REFRESH_MS = 10_000;

/** Playback: camera and day (with the month's recorded days), the draggable timeline, the player behind a reason (art. 16). */
export function Playback({ cameraId, day, at }: { cameraId: string | undefined; day: string | null; at: string | null }) {
  const { t } = useTranslation();
  const zone = useMemo(viewerZone, []);
  const gate = useReasonGate();
  const video = useRef<HTMLVideoElement>(null);
  const cameras = useAsync(() => ok(http.GET('/api/cameras')), []);
  const camera = cameraId ?? cameras.data?.[0]?.id ?? '';
  const dayText = day ?? localDay(at ? Date.parse(at) : Date.now(), zone);
  const bounds = useMemo(() => dayBounds(dayText, zone), [dayText, zone]);
  const [now, setNow] = useState(Date.now);
  const coverage = useAsync(
    () => (camera ? ok(http.GET('/api/cameras/{id}/coverage', { params: { path: { id: camera }, query: { from: new Date(bounds.from).toISOString(), to: new Date(bounds.to).toISOString() } } })) : Promise.resolve(undefined)),
    [camera, bounds],
  );
  // The now marker moves; a day still being recorded gets its new coverage while it is watched.
  const today = now >= bounds.from && now < bounds.to;
  const reload = useRef(coverage.reload);
  reload.current = coverage.reload;
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      if (today && document.visibilityState === 'visible') reload.current();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [today]);
  const timeline = useTimeline(bounds);
  const [selected, setSelected] = useState<number | null>(at ? Date.parse(at) : null);
  const [selection, setSelection] = useState<Selection | null>(null);
  useEffect(() => setSelection(null), [camera, bounds]);
  const player = usePlayback(video, camera, gate.ask);
  const cursor = player.position ?? selected;
  const pick = (ms: number) => {
    setSelected(ms);
    if (player.grant) void player.playFrom(ms);
  };
  const marks = useAlarmMarks(camera, bounds);
  // A click on an alarm mark seeks there: playback asks for the reason and registers it as any other.
  const seekToMark = (ms: number) => {
    setSelected(ms);
    void player.playFrom(ms);
  };
  const toDay = (d: string) => go(`playback/${encodeURIComponent(camera)}?day=${d}`);
  return (
    <section className="card player">
      <div className="playback-head">
        <div className="stack">
          <div className="controls">
            <label>
              {t('player.camera')}{' '}
              <select name="camera" value={camera} onChange={(e) => go(`playback/${encodeURIComponent(e.target.value)}?day=${dayText}`)}>
                {cameras.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('player.day')} <input type="date" name="day" value={dayText} onChange={(e) => e.target.value && toDay(e.target.value)} />
            </label>
            <button type="button" onClick={() => timeline.zoomIn(cursor ?? undefined)}>{t('player.zoomIn')}</button>
            <button type="button" onClick={() => timeline.zoomOut(cursor ?? undefined)}>{t('player.zoomOut')}</button>
            {cursor !== null && (
              <span data-testid="position" data-at={new Date(cursor).toISOString()}>
                {t('player.at', { time: `${localDay(cursor, zone)} ${clockText(cursor, zone, true)}` })}
              </span>
            )}
          </div>
          <p className="muted">{t('timeline.zone', { zone })}</p>
        </div>
        {camera && <RecordedDays key={`${camera} ${dayText.slice(0, 7)}`} cameraId={camera} day={dayText} timeZone={zone} onPick={toDay} />}
      </div>
      <Timeline
        view={timeline.view}
        coverage={coverage.data}
        cursor={cursor}
        now={now}
        timeZone={zone}
        selection={selection}
        onPick={pick}
        onPan={timeline.pan}
        onZoom={timeline.zoom}
        onSelect={setSelection}
        marks={marks}
        onMark={seekToMark}
      />
      <TimelineNotes cameraId={camera} coverage={coverage.data} view={timeline.view} now={now} timeZone={zone} selection={selection} onClear={() => setSelection(null)} />
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
          <button key={s} type="button" name="speed" className={player.speed === s ? 'active' : undefined} aria-pressed={player.speed === s} onClick={() => player.setSpeed(s)}>
            {s}×
          </button>
        ))}
      </div>
      <ErrorText error={player.error} />
      <video ref={video} muted playsInline controls={false} data-testid="playback-video" data-entry={player.entryId ?? ''} />
      <ReasonDialog open={gate.open} onSubmit={gate.submit} onCancel={gate.cancel} />
    </section>
  );
}
