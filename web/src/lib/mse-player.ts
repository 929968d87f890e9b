/**
 * Plays a live fMP4 stream (init, prft, moof+mdat …) through Media Source Extensions: appends in
 * 'sequence' mode (every recorder segment restarts its decode time), keeps the playhead a little
 * behind the live edge (nudging the playback rate, seeking only when far behind), trims what is
 * behind, and stamps the video element with the wall clock of the picture shown.
 *
 * The recorder sends chunks of about 200 ms, so the player can stay about half a second behind the
 * newest picture; each stall widens that margin a little (up to 2 s), calm narrows it again.
 */
import { Fmp4Splitter } from './fmp4-stream.ts';

/** Where the playhead is kept, behind the end of what is buffered (s), while nothing stalls. */
export const TARGET_BEHIND_S = 0.5;
/** Each stall adds this much margin (a jitter buffer that grows with the network's or machine's hiccups)… */
const STALL_MARGIN_S = 0.3;
const MAX_BEHIND_S = 2;
/** …and it shrinks back by this much after each half minute without one. */
const CALM_MS = 30_000;
/** Further behind the target than this: seek (a skip after a long stall, a tab brought back). */
const SEEK_EXTRA_S = 2;
const KEEP_S = 20;
/** No byte for this long: the stream counts as lost. */
const SILENT_MS = 15_000;

export interface MsePlayer {
  stop(): void;
}

/** Why playback stopped: `unsupported` cannot work in this browser (use HLS); `lost` may work again. */
export type MseFailure = { kind: 'unsupported' | 'lost'; reason: string; status?: number };

const MEDIA_SUBPROTOCOL = 'custos.media';
/** The live stream's WebSocket address on this origin (ws: or wss: as the page). */
const socketUrl = (path: string) => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;

/**
 * `url`: the live WebSocket path (/api/media/live.ws?cameraId=…); a browser holds only six HTTP/1.1
 * connections per server, so a wall of endless HTTP streams would starve itself. `token`: the live
 * media token, sent as a subprotocol (never in the URL).
 */
export function playLiveMse(video: HTMLVideoElement, url: string, token: string, onError: (failure: MseFailure) => void): MsePlayer {
  const controller = new AbortController();
  const media = new MediaSource();
  const splitter = new Fmp4Splitter();
  const queue: { data: Uint8Array; wallMs: number | null }[] = [];
  /** Media time at which each fragment starts, with its wall clock. */
  const stamps: { time: number; wallMs: number }[] = [];
  let buffer: SourceBuffer | null = null;
  let nextWall: number | null = null;
  let failed = false;
  let silence: ReturnType<typeof setTimeout> | undefined;
  let target = TARGET_BEHIND_S;
  let lastStall = performance.now();
  const objectUrl = URL.createObjectURL(media);
  video.src = objectUrl;

  const fail = (failure: MseFailure) => {
    if (failed || controller.signal.aborted) return;
    failed = true;
    clearTimeout(silence);
    controller.abort();
    onError(failure);
  };
  const heard = () => {
    clearTimeout(silence);
    silence = setTimeout(() => fail({ kind: 'lost', reason: 'silent' }), SILENT_MS);
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
    if (stamps.length > 300) stamps.splice(0, stamps.length - 300);
    try {
      buffer.appendBuffer(next.data as Uint8Array<ArrayBuffer>);
    } catch (error) {
      fail({ kind: 'lost', reason: error instanceof Error ? error.message : 'append failed' });
    }
  };

  /** Keeps the playhead near TARGET_BEHIND_S: a gentle rate change for small drifts, a seek for large ones. */
  const steer = () => {
    const b = buffer?.buffered;
    if (b?.length) {
      const end = b.end(b.length - 1);
      const behind = end - video.currentTime;
      if (target > TARGET_BEHIND_S && performance.now() - lastStall > CALM_MS) {
        target = Math.max(TARGET_BEHIND_S, target - 0.1);
        lastStall = performance.now();
      }
      if (behind > target + SEEK_EXTRA_S || video.currentTime < b.start(0)) video.currentTime = Math.max(b.start(0), end - target);
      else if (behind > target + 0.3) video.playbackRate = 1.04;
      else if (behind < target - 0.2) video.playbackRate = 0.96;
      else video.playbackRate = 1;
      if (video.paused && end - video.currentTime > 0.1) void video.play().catch(() => undefined);
    }
  };

  const onTime = () => {
    steer();
    let stamp: { time: number; wallMs: number } | undefined;
    for (let i = stamps.length - 1; i >= 0; i--) {
      if (stamps[i]!.time <= video.currentTime) {
        stamp = stamps[i];
        break;
      }
    }
    if (stamp) video.dataset.wallClock = String(Math.round(stamp.wallMs + (video.currentTime - stamp.time) * 1000));
  };

  const take = (bytes: Uint8Array) => {
    heard();
    for (const piece of splitter.push(bytes)) {
      if (piece.kind === 'prft') nextWall = piece.wallMs;
      else if (piece.kind === 'init') {
        if (!buffer) {
          const type = `video/mp4; codecs="${piece.codec ?? 'hvc1'}"`;
          if (!piece.codec || !MediaSource.isTypeSupported(type)) return fail({ kind: 'unsupported', reason: `unsupported ${type}` });
          buffer = media.addSourceBuffer(type);
          buffer.mode = 'sequence';
          buffer.addEventListener('updateend', () => {
            pump();
            steer();
          });
          buffer.addEventListener('error', () => fail({ kind: 'lost', reason: 'source buffer error' }));
        }
        queue.push({ data: piece.data, wallMs: null });
      } else {
        queue.push({ data: piece.data, wallMs: nextWall });
        nextWall = null;
      }
    }
    pump();
  };

  let socket: WebSocket | undefined;
  media.addEventListener('sourceopen', () => {
    heard();
    // The token as the second subprotocol: out of the URL, and a browser cannot set headers here.
    const ws = new WebSocket(socketUrl(url), [MEDIA_SUBPROTOCOL, token]);
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (event: MessageEvent<ArrayBuffer>) => take(new Uint8Array(event.data));
    ws.onclose = (event) => fail({ kind: 'lost', reason: `closed ${event.code}` });
    controller.signal.addEventListener('abort', () => ws.close());
  });
  const onWaiting = () => {
    if (!buffer?.buffered.length) return;
    target = Math.min(MAX_BEHIND_S, target + STALL_MARGIN_S);
    lastStall = performance.now();
  };
  video.addEventListener('timeupdate', onTime);
  video.addEventListener('waiting', onWaiting);

  return {
    stop() {
      clearTimeout(silence);
      controller.abort();
      socket?.close();
      video.removeEventListener('timeupdate', onTime);
      video.removeEventListener('waiting', onWaiting);
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(objectUrl);
    },
  };
}
