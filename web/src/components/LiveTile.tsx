import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../api/types.ts';
import { useInView } from '../hooks/useInView.ts';
import { useLiveAccess } from '../hooks/useLiveAccess.ts';
import { useLiveStream, type LivePath } from '../hooks/useLiveStream.ts';
import { useSnapshot } from '../hooks/useSnapshot.ts';
import { ErrorText } from './ErrorText.tsx';

const HEVC = /^(hvc1|hev1|h265|hevc)/i;

export function browserDecodes(codec: string | null | undefined): boolean {
  if (!codec || !HEVC.test(codec)) return true;
  return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"');
}

interface PlayerProps {
  cameraId: string;
  askReason: () => Promise<Reason>;
  onSnapshot: (url: string) => void;
  path?: LivePath;
}

function Player({ cameraId, askReason, onSnapshot, path }: PlayerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const { grant, error } = useLiveAccess(cameraId, true, askReason);
  const stream = useLiveStream(video, cameraId, grant, path);
  useSnapshot(cameraId, grant, onSnapshot);
  useEffect(() => {
    void video.current?.play().catch(() => undefined);
  }, [grant]);
  return (
    <>
      <video ref={video} muted autoPlay playsInline data-camera={cameraId} data-path={stream.path} title={stream.mseError ?? undefined} />
      {!grant && !error && <div className="message">{t('live.waiting')}</div>}
      {(error || stream.error) && (
        <div className="message">
          <ErrorText error={error ?? stream.error} />
        </div>
      )}
    </>
  );
}

/** One camera's live tile: plays while on screen, pauses (and lets go of its access) out of view. */
export function LiveTile({ cameraId, name, codec, askReason, path }: { cameraId: string; name: string; codec?: string | null; askReason: () => Promise<Reason>; path?: LivePath }) {
  const { t } = useTranslation();
  const tile = useRef<HTMLDivElement>(null);
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
    <div className="tile" ref={tile} data-testid="live-tile">
      {!decodable && <div className="message">{t('live.unsupported', { codec })}</div>}
      {decodable && inView && <Player cameraId={cameraId} askReason={askReason} onSnapshot={onSnapshot} {...(path ? { path } : {})} />}
      {decodable && !inView && thumb && <img src={thumb} alt="" />}
      {decodable && !inView && <div className="message">{t('live.paused')}</div>}
      <a className="label" href={`#/live/${cameraId}`}>
        {name}
      </a>
    </div>
  );
}
