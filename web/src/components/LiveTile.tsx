import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../api/types.ts';
import { useInView } from '../hooks/useInView.ts';
import { useLiveAccess } from '../hooks/useLiveAccess.ts';
import { useLiveStream, type LivePath } from '../hooks/useLiveStream.ts';
import { useSnapshot } from '../hooks/useSnapshot.ts';
import { ErrorText } from './ErrorText.tsx';
import { LiveTileBar } from './LiveTileBar.tsx';

const HEVC = /^(hvc1|hev1|h265|hevc)/i;

export function browserDecodes(codec: string | null | undefined): boolean {
  if (!codec || !HEVC.test(codec)) return true;
  return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"');
}

interface PlayerProps {
  cameraId: string;
  video: RefObject<HTMLVideoElement | null>;
  askReason: () => Promise<Reason>;
  onSnapshot: (url: string) => void;
  path: LivePath;
}

/** Plays one camera while mounted; a lost stream closes its access and comes back by itself (backoff). */
function Player({ cameraId, video, askReason, onSnapshot, path }: PlayerProps) {
  const { t } = useTranslation();
  const { grant, error, lost, playing, attempt } = useLiveAccess(cameraId, true, askReason);
  const stream = useLiveStream(video, cameraId, grant, path, lost);
  useSnapshot(cameraId, grant, onSnapshot);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    void element.play().catch(() => undefined);
    // Ten seconds of picture: the connection is sound again, the next loss starts the backoff anew.
    let shown = 0;
    const onTime = () => {
      if (++shown === 40) playing();
    };
    element.addEventListener('timeupdate', onTime);
    return () => element.removeEventListener('timeupdate', onTime);
  }, [grant, video, playing]);
  return (
    <>
      <video ref={video} muted autoPlay playsInline data-camera={cameraId} data-path={stream.path} title={stream.mseError ?? undefined} />
      {!grant && !error && attempt === 0 && <div className="message">{t('live.waiting')}</div>}
      {!grant && attempt > 0 && <div className="message">{t('wall.reconnecting', { attempt })}</div>}
      {(error || stream.error) && (
        <div className="message">
          <ErrorText error={error ?? stream.error} />
        </div>
      )}
    </>
  );
}

export interface TileCamera {
  id: string;
  name: string;
}

interface TileProps {
  camera: TileCamera;
  codec?: string | null;
  recording?: boolean;
  askReason: () => Promise<Reason>;
  path?: LivePath;
  onClose?: () => void;
}

/** One camera's live tile: plays while on screen, pauses (and lets go of its access) out of view. */
export function LiveTile({ camera, codec, recording, askReason, path = 'mse', onClose }: TileProps) {
  const { t } = useTranslation();
  const tile = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const inView = useInView(tile);
  const decodable = browserDecodes(codec);
  const [thumb, setThumb] = useState<string>();
  const onSnapshot = useCallback((url: string) => {
    setThumb((old) => {
      if (old) URL.revokeObjectURL(old);
      return url;
    });
  }, []);
  return (
    <div className="tile" ref={tile} data-testid="live-tile" data-camera-id={camera.id}>
      {!decodable && <div className="message">{t('live.unsupported', { codec })}</div>}
      {decodable && inView && <Player cameraId={camera.id} video={video} askReason={askReason} onSnapshot={onSnapshot} path={path} />}
      {decodable && !inView && thumb && <img src={thumb} alt="" />}
      {decodable && !inView && <div className="message">{t('live.paused')}</div>}
      <LiveTileBar name={camera.name} cameraId={camera.id} recording={recording} video={video} tile={tile} {...(onClose ? { onClose } : {})} />
    </div>
  );
}

/** A tile without a camera: pick one of the active cameras into it. */
export function EmptyTile({ cameras, onPick }: { cameras: readonly TileCamera[]; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="tile empty" data-testid="empty-tile">
      <label className="message">
        <span>{t('wall.empty')}</span>
        <select name="pick" value="" onChange={(e) => e.target.value && onPick(e.target.value)}>
          <option value="">{t('wall.pick')}</option>
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
