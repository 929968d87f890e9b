/**
 * Plays a live fMP4 stream (init, prft, moof+mdat …) through Media Source Extensions: appends in
 * 'sequence' mode (every recorder segment restarts its decode time), keeps the playhead near the live
 * edge, trims what is behind, and stamps the video element with the wall clock of the picture shown.
 */
import { Fmp4Splitter } from './fmp4-stream.ts';

const EDGE_S = 0.15;
const MAX_BEHIND_S = 1.2;
const KEEP_S = 20;

export interface MsePlayer {
  stop(): void;
}

/** `token`: the live media token, sent in the x-media-token header (never in the URL). */
export function playLiveMse(video: HTMLVideoElement, url: string, token: string, onError: (reason: string) => void): MsePlayer {
  const controller = new AbortController();
  const media = new MediaSource();
  const splitter = new Fmp4Splitter();
  const queue: { data: Uint8Array; wallMs: number | null }[] = [];
  /** Media time at which each fragment starts, with its wall clock. */
  const stamps: { time: number; wallMs: number }[] = [];
  let buffer: SourceBuffer | null = null;
  let nextWall: number | null = null;
  let failed = false;
  const objectUrl = URL.createObjectURL(media);
  video.src = objectUrl;

  const fail = (reason: string) => {
    if (failed || controller.signal.aborted) return;
    failed = true;
    controller.abort();
    onError(reason);
  };

  const pump = () => {
    if (!buffer || buffer.updating) return;
    const end = buffer.buffered.length ? buffer.buffered.end(buffer.buffered.length - 1) : 0;
    const start = buffer.buffered.length ? buffer.buffered.start(0) : 0;
    if (end - start > KEEP_S * 2 && video.currentTime - start > KEEP_S) {
      buffer.remove(start, video.currentTime - KEEP_S);
      return;
    }
    const next = queue.shift();
    if (!next) return;
    // In sequence mode the fragment starts where the buffer ends: that instant shows next.wallMs.
    if (next.wallMs !== null) stamps.push({ time: end, wallMs: next.wallMs });
    if (stamps.length > 120) stamps.splice(0, stamps.length - 120);
    buffer.appendBuffer(next.data as Uint8Array<ArrayBuffer>);
  };

  const onTime = () => {
    const b = buffer?.buffered;
    if (b?.length) {
      const end = b.end(b.length - 1);
      if (end - video.currentTime > MAX_BEHIND_S) video.currentTime = end - EDGE_S;
      if (video.paused && end > 0) void video.play().catch(() => undefined);
    }
    const stamp = [...stamps].reverse().find((s) => s.time <= video.currentTime);
    if (stamp) video.dataset.wallClock = String(Math.round(stamp.wallMs + (video.currentTime - stamp.time) * 1000));
  };

  media.addEventListener('sourceopen', () => {
    void (async () => {
      const response = await fetch(url, { signal: controller.signal, credentials: 'same-origin', headers: { 'x-media-token': token } });
      if (!response.ok || !response.body) return fail(`HTTP ${response.status}`);
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return fail('ended');
        for (const piece of splitter.push(value)) {
          if (piece.kind === 'prft') nextWall = piece.wallMs;
          else if (piece.kind === 'init') {
            if (!buffer) {
              const type = `video/mp4; codecs="${piece.codec ?? 'hvc1'}"`;
              if (!piece.codec || !MediaSource.isTypeSupported(type)) return fail(`unsupported ${type}`);
              buffer = media.addSourceBuffer(type);
              buffer.mode = 'sequence';
              buffer.addEventListener('updateend', pump);
              buffer.addEventListener('error', () => fail('source buffer error'));
            }
            queue.push({ data: piece.data, wallMs: null });
          } else {
            queue.push({ data: piece.data, wallMs: nextWall });
            nextWall = null;
          }
        }
        pump();
      }
    })().catch((error: unknown) => fail(error instanceof Error ? error.message : 'stream error'));
  });
  video.addEventListener('timeupdate', onTime);

  return {
    stop() {
      controller.abort();
      video.removeEventListener('timeupdate', onTime);
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(objectUrl);
    },
  };
}
