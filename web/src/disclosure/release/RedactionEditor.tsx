import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { enumLabel } from '../../i18n/enum-label.ts';
import { TrackBox } from './TrackBox.tsx';
import { TrackTable } from './TrackTable.tsx';
import { boxAt, keyframeAt, moved, onFrame, rectBetween, scaleOf, toFrame, toScreen, type Box } from './track-math.ts';
import type { Clip, Job, ReleaseDetail, Track } from './types.ts';
import { useSourcePlayback } from './useSourcePlayback.ts';

const KINDS = ['FACE', 'PLATE', 'TEXT', 'OTHER'] as const;
type Kind = (typeof KINDS)[number];
type Point = { x: number; y: number };
type Drag = { mode: 'draw'; start: Point; now: Point } | { mode: 'move'; trackId: string; box: Box; start: Point; now: Point };

const stateOf = (track: Track) => (track.resolution === 'MASK' ? 'mask' : track.resolution === 'JUSTIFIED' ? 'justified' : 'unresolved');

/**
 * The redaction editor: the source range plays in a video element, each track's box is drawn over
 * it where it is at the current time (interpolated between keyframes); dragging on the picture draws
 * a new box (a MANUAL track at this instant), dragging a box moves it here (a keyframe at this
 * instant); the selected track can be extended to now, lose its keyframe here, or be deleted; every
 * track is resolved in the table below. Each change is the server's answer, so what is shown is
 * what is stored.
 */
export function RedactionEditor({ release, job, clip, locked, onJob }: { release: ReleaseDetail; job: Job; clip: Clip; locked: boolean; onJob: (job: Job) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const playback = useSourcePlayback(video, release, t('release.editor.playbackReason', { id: release.id }));
  const [now, setNow] = useState(0);
  const [shownWidth, setShownWidth] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('FACE');
  const [drag, setDrag] = useState<Drag | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const scale = scaleOf(clip.width, shownWidth);

  // The current time: from the element's events, and every animation frame while it plays.
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let frame = 0;
    const read = () => setNow(element.currentTime);
    const loop = () => {
      read();
      frame = requestAnimationFrame(loop);
    };
    const onPlay = () => (frame = requestAnimationFrame(loop));
    const onPause = () => cancelAnimationFrame(frame);
    for (const [name, handler] of [['timeupdate', read], ['seeked', read], ['play', onPlay], ['pause', onPause]] as const) element.addEventListener(name, handler);
    return () => {
      cancelAnimationFrame(frame);
      for (const [name, handler] of [['timeupdate', read], ['seeked', read], ['play', onPlay], ['pause', onPause]] as const) element.removeEventListener(name, handler);
    };
  }, []);

  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setShownWidth(element.clientWidth));
    observer.observe(element);
    setShownWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  const change = async (call: () => Promise<Job>) => {
    setError(undefined);
    setBusy(true);
    try {
      onJob(await call());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const path = { id: release.id };
  const at = () => onFrame(video.current?.currentTime ?? now, clip.fps);

  const point = (event: PointerEvent): Point => {
    const rect = (stage.current as HTMLDivElement).getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (locked || busy) return;
    video.current?.pause();
    event.currentTarget.setPointerCapture(event.pointerId);
    const p = point(event);
    const trackId = (event.target as HTMLElement).dataset.track;
    const track = trackId ? job.tracks.find((x) => x.id === trackId) : undefined;
    const box = track ? boxAt(track, at()) : null;
    if (track && box) {
      setSelected(track.id);
      setDrag({ mode: 'move', trackId: track.id, box, start: p, now: p });
    } else setDrag({ mode: 'draw', start: p, now: p });
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ ...drag, now: point(event) });
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const end = point(event);
    setDrag(null);
    const time = at();
    if (drag.mode === 'draw') {
      const rect = rectBetween(drag.start, end);
      if (rect.w < 4 || rect.h < 4) return setSelected(null);
      const before = new Set(job.tracks.map((x) => x.id));
      void change(async () => {
        const next = await ok(http.POST('/api/releases/{id}/tracks', { params: { path }, body: { kind, keyframe: { t: time, ...toFrame(rect, scale) } } }));
        setSelected(next.tracks.find((x) => !before.has(x.id))?.id ?? null);
        return next;
      });
      return;
    }
    const dx = (end.x - drag.start.x) / scale;
    const dy = (end.y - drag.start.y) / scale;
    if (Math.abs(dx) < 1 && Math.abs(dy) < 1) return;
    const box = moved(drag.box, dx, dy, clip);
    void change(() => ok(http.PUT('/api/releases/{id}/tracks/{trackId}/keyframes', { params: { path: { ...path, trackId: drag.trackId } }, body: { t: time, ...box } })));
  };

  const chosen = job.tracks.find((x) => x.id === selected);
  const seek = (time: number) => {
    if (video.current) video.current.currentTime = Math.max(0, Math.min(clip.durationS, time));
    setNow(time);
  };

  const shown = (track: Track): Box | null => {
    if (drag?.mode === 'move' && drag.trackId === track.id) return toScreen(moved(drag.box, (drag.now.x - drag.start.x) / scale, (drag.now.y - drag.start.y) / scale, clip), scale);
    const box = boxAt(track, now);
    return box ? toScreen(box, scale) : null;
  };

  return (
    <div className="redaction-editor" data-testid="redaction-editor">
      <ErrorText error={playback.error ?? error} />
      <div
        ref={stage}
        data-testid="redaction-stage"
        style={{ position: 'relative', width: '100%', maxWidth: 960, aspectRatio: `${clip.width} / ${clip.height}`, background: '#000', touchAction: 'none', userSelect: 'none' }}
      >
        <video ref={video} muted playsInline data-ready={playback.ready ? '1' : '0'} style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'fill' }} />
        <div
          data-testid="redaction-overlay"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          style={{ position: 'absolute', inset: 0, cursor: locked ? 'default' : 'crosshair' }}
        >
          {job.tracks.map((track) => {
            const box = shown(track);
            return box && <TrackBox key={track.id} id={track.id} box={box} kind={track.kind} state={stateOf(track)} selected={track.id === selected} />;
          })}
          {drag?.mode === 'draw' && <TrackBox id="" box={rectBetween(drag.start, drag.now)} kind={kind} state="mask" selected />}
        </div>
      </div>
      <div className="controls">
        <button type="button" name="play" onClick={() => void video.current?.play().catch(() => undefined)}>
          {t('release.editor.play')}
        </button>
        <button type="button" name="pause" onClick={() => video.current?.pause()}>
          {t('release.editor.pause')}
        </button>
        <button type="button" name="frame-back" onClick={() => seek(now - 1 / (clip.fps || 25))}>
          {t('release.editor.frameBack')}
        </button>
        <button type="button" name="frame-forward" onClick={() => seek(now + 1 / (clip.fps || 25))}>
          {t('release.editor.frameForward')}
        </button>
        <input type="range" name="seek" aria-label={t('release.editor.seek')} min={0} max={clip.durationS} step={0.01} value={Math.min(now, clip.durationS)} onChange={(e) => seek(Number(e.target.value))} />
        <output data-testid="editor-time">{now.toFixed(2)} s</output>
        {!locked && (
          <label>
            {t('release.editor.newBoxKind')}{' '}
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {enumLabel(t, 'releaseTrackKind', k)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted">{locked ? t('release.editor.locked') : t('release.editor.help')}</p>
      {chosen && !locked && (
        <div className="controls" data-testid="selected-track" data-track={chosen.id}>
          <strong>
            {enumLabel(t, 'releaseTrackKind', chosen.kind)} · {enumLabel(t, 'releaseTrackSource', chosen.source)}
          </strong>
          <button type="button" name="extend" disabled={busy} onClick={() => void change(() => ok(http.POST('/api/releases/{id}/tracks/{trackId}/extend', { params: { path: { ...path, trackId: chosen.id } }, body: { t: at() } })))}>
            {t('release.editor.extend')}
          </button>
          {keyframeAt(chosen.keyframes, now) && (
            <button type="button" name="delete-keyframe" disabled={busy} onClick={() => void change(() => ok(http.POST('/api/releases/{id}/tracks/{trackId}/keyframes/delete', { params: { path: { ...path, trackId: chosen.id } }, body: { t: at() } })))}>
              {t('release.editor.deleteKeyframe')}
            </button>
          )}
          <button type="button" name="delete-track" disabled={busy} onClick={() => void change(() => ok(http.DELETE('/api/releases/{id}/tracks/{trackId}', { params: { path: { ...path, trackId: chosen.id } } })))}>
            {t('release.editor.deleteTrack')}
          </button>
        </div>
      )}
      <TrackTable
        tracks={job.tracks}
        selected={selected}
        locked={locked || busy}
        onSelect={(track) => {
          setSelected(track.id);
          const first = track.keyframes[0];
          if (first) seek(first.t);
        }}
        onResolve={(trackId, resolution, justification) =>
          void change(() => ok(http.POST('/api/releases/{id}/tracks/{trackId}/resolve', { params: { path: { ...path, trackId } }, body: { resolution, ...(justification ? { justification } : {}) } })))
        }
      />
    </div>
  );
}
