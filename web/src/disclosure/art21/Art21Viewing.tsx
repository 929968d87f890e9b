import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, ok } from '../../api/http.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { cameraName, shanghai, useCameras } from '../../evidence/common.ts';
import { useHls } from '../../hooks/useHls.ts';
import { playlistUrl } from '../../hooks/useMediaAccess.ts';
import { go } from '../../hooks/useRoute.ts';
import { forgetSession, keptSession } from './session-store.ts';
import { Watermark } from './Watermark.tsx';

const block = (event: { preventDefault: () => void }) => event.preventDefault();

function remaining(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * REG-21-4: the supervised view-only session. The player plays the approved ranges only (VIEW_ONLY
 * tokens); a watermark with the requester's name and the ticking time lies over it; there is no
 * download or snapshot control, and the context menu and dragging are disabled on the video.
 */
export function Art21Viewing({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const opened = keptSession(sessionId);
  const cameras = useCameras();
  const video = useRef<HTMLVideoElement>(null);
  const [index, setIndex] = useState(0);
  const [now, setNow] = useState(Date.now);
  const [error, setError] = useState<unknown>();
  const expiresAt = opened ? Date.parse(opened.session.expiresAt) : 0;
  const expired = now >= expiresAt;
  const current = opened?.tokens[index];
  const hls = useHls(video, current && !expired ? playlistUrl(current.cameraId) : null, false, current?.token);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (hls.ready) void video.current?.play().catch(() => undefined);
  }, [hls.ready]);
  // At expiry the page ends the session itself: the register entry gets its CLOSE entry then, not later.
  useEffect(() => {
    if (!expired || !opened) return;
    void ok(http.POST('/api/art21-sessions/{id}/end', { params: { path: { id: sessionId } } })).catch(() => undefined);
  }, [expired, opened !== undefined, sessionId]);

  const end = async () => {
    try {
      await ok(http.POST('/api/art21-sessions/{id}/end', { params: { path: { id: sessionId } } }));
      forgetSession(sessionId);
      go(`art21/${encodeURIComponent(opened?.session.requestId ?? '')}`);
    } catch (e) {
      setError(e);
    }
  };

  if (!opened) return <p className="muted">{t('art21.session.lost')}</p>;
  return (
    <section className="card player" data-testid="art21-viewing" data-session={sessionId} onContextMenu={block} onDragStart={block} style={{ userSelect: 'none' }}>
      <h2>{t('art21.session.title')}</h2>
      <p>{t('art21.session.supervised', { name: opened.requesterName })}</p>
      <div className="controls">
        <label>
          {t('art21.session.range')}{' '}
          <select name="range" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
            {opened.tokens.map((r, i) => (
              <option key={`${r.cameraId}${r.from}`} value={i}>
                {cameraName(cameras.data, r.cameraId)} {shanghai(r.from)} – {shanghai(r.to)}
              </option>
            ))}
          </select>
        </label>
        <strong data-testid="art21-countdown">{expired ? t('art21.session.expired') : t('art21.session.remaining', { time: remaining(expiresAt - now) })}</strong>
        <button type="button" name="end-session" onClick={() => void end()}>
          {t('art21.session.end')}
        </button>
      </div>
      <div style={{ position: 'relative' }}>
        <video
          ref={video}
          muted
          playsInline
          controls={false}
          disablePictureInPicture
          controlsList="nodownload noremoteplayback noplaybackrate"
          draggable={false}
          onContextMenu={block}
          onDragStart={block}
          data-testid="art21-video"
          style={{ width: '100%', display: 'block', background: '#000' }}
        />
        <Watermark name={opened.requesterName} />
      </div>
      <ErrorText error={error ?? hls.error ?? cameras.error} />
    </section>
  );
}
