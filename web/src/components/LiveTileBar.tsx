import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

const CLOCK = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** The time of the picture shown (the recorder's wall clock for it), in Asia/Shanghai; the present until a picture comes. */
export function LiveClock({ video }: { video: RefObject<HTMLVideoElement | null> }) {
  const [at, setAt] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setAt(Number(video.current?.dataset.wallClock) || Date.now()), 500);
    return () => clearInterval(timer);
  }, [video]);
  return (
    <time className="clock" dateTime={new Date(at).toISOString()} data-testid="tile-clock">
      {CLOCK.format(at)}
    </time>
  );
}

/** Saves the picture shown as a JPEG (drawn from the video element: no request, nothing more registered). */
export function saveSnapshot(video: HTMLVideoElement | null, name: string): void {
  if (!video || video.videoWidth === 0) return;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')?.drawImage(video, 0, 0);
  const at = Number(video.dataset.wallClock) || Date.now();
  canvas.toBlob(
    (blob) => {
      if (!blob) return;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `${name}-${CLOCK.format(at).replace(/[^\d]/g, '')}.jpg`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    },
    'image/jpeg',
    0.92,
  );
}

export function toggleFullscreen(element: HTMLElement | null): void {
  if (!element) return;
  if (document.fullscreenElement === element) void document.exitFullscreen().catch(() => undefined);
  else void element.requestFullscreen().catch(() => undefined);
}

interface BarProps {
  name: string;
  cameraId: string;
  recording: boolean | undefined;
  video: RefObject<HTMLVideoElement | null>;
  tile: RefObject<HTMLDivElement | null>;
  onClose?: () => void;
}

/** A tile's name, recording dot, clock and buttons (snapshot, full screen, close). */
export function LiveTileBar({ name, cameraId, recording, video, tile, onClose }: BarProps) {
  const { t } = useTranslation();
  return (
    <div className="tile-bar">
      <a className="name" href={`#/live/${cameraId}`} title={name}>
        {name}
      </a>
      {recording !== undefined && <span className={recording ? 'rec on' : 'rec'} title={recording ? t('wall.recording') : t('wall.notRecording')} aria-label={recording ? t('wall.recording') : t('wall.notRecording')} data-testid="rec-dot" />}
      <LiveClock video={video} />
      <span className="tile-buttons">
        <button type="button" name="snapshot" title={t('wall.snapshot')} aria-label={t('wall.snapshot')} onClick={() => saveSnapshot(video.current, name)}>
          ◉
        </button>
        <button type="button" name="fullscreen" title={t('wall.fullscreen')} aria-label={t('wall.fullscreen')} onClick={() => toggleFullscreen(tile.current)}>
          □
        </button>
        {onClose && (
          <button type="button" name="close" title={t('wall.close')} aria-label={t('wall.close')} onClick={onClose}>
            ×
          </button>
        )}
      </span>
    </div>
  );
}
