/**
 * Live view from the recorder's own fragments, no transcoding: while a camera has viewers, its
 * recorder posts each init segment and fragment here (a tap, off when nobody watches), and the hub
 * hands them to every viewer. A viewer starts at a keyframe: at once from the fragments kept since the
 * newest keyframe, or at the next one.
 *
 * A viewer whose connection is momentarily full (its write answers false) keeps every fragment: they
 * wait in its own queue, written in order when it drains. Only a viewer that truly falls behind (more
 * than `maxQueueMs` of video or `maxQueueBytes` queued) loses its queue and resumes at the next
 * keyframe after it has drained.
 */

export interface LiveChunk {
  kind: 'init' | 'fragment';
  data: Uint8Array;
  /** Wall clock of the fragment's first sample (ms); for an init, when it came. */
  wallMs: number;
  /** A fragment that starts with a keyframe. */
  keyframe: boolean;
}

export type LiveTap = (chunk: LiveChunk) => void;

/** Where live fragments come from (the recorder service). */
export interface LiveTapSource {
  setLiveTap(cameraId: string, tap: LiveTap | null): void;
}

/** Where a viewer's chunks go (an HTTP response): `write` answers false when its buffer is full. */
export interface LiveViewer {
  write(chunk: LiveChunk): boolean;
  /** Registers the listener called each time a full buffer has drained. */
  onDrain(listener: () => void): void;
}

export interface LiveHubOptions {
  /** Most video (by the fragments' wall clocks) a viewer may have queued before it skips. Default 2 s. */
  maxQueueMs?: number;
  /** Most bytes a viewer may have queued before it skips. Default 4 MiB. */
  maxQueueBytes?: number;
}

export interface LiveViewerStats {
  /** Fragments handed to the viewer's connection. */
  sent: number;
  /** Times it fell behind and skipped to a keyframe. */
  skips: number;
  /** Fragments dropped by those skips (never sent). */
  dropped: number;
}

interface ViewerState {
  sink: LiveViewer;
  /** Waiting for a keyframe (new, or after a skip); nothing is sent until then. */
  waiting: boolean;
  /** The connection answered false and has not drained yet: what comes is queued. */
  blocked: boolean;
  queue: LiveChunk[];
  queuedBytes: number;
  stats: LiveViewerStats;
  closed: boolean;
}

interface CameraFeed {
  viewers: Set<ViewerState>;
  init?: LiveChunk;
  /** Fragments since the newest keyframe (bounded, like a viewer's queue). */
  gop: LiveChunk[];
  gopBytes: number;
}

/** What is kept since the newest keyframe for a viewer who arrives (longer groups: it waits for the next). */
const GOP_MAX_MS = 20_000;
const GOP_MAX_BYTES = 16 * 1024 * 1024;

export class LiveHub {
  private readonly feeds = new Map<string, CameraFeed>();
  private readonly maxQueueMs: number;
  private readonly maxQueueBytes: number;

  constructor(
    private readonly source: LiveTapSource | undefined,
    options: LiveHubOptions = {},
  ) {
    this.maxQueueMs = options.maxQueueMs ?? 2000;
    this.maxQueueBytes = options.maxQueueBytes ?? 4 * 1024 * 1024;
  }

  get available(): boolean {
    return this.source !== undefined;
  }

  viewers(cameraId: string): number {
    return this.feeds.get(cameraId)?.viewers.size ?? 0;
  }

  /** Adds a viewer; `unsubscribe` removes it (the tap goes off with the last one). */
  subscribe(cameraId: string, sink: LiveViewer): { unsubscribe: () => void; stats: LiveViewerStats } {
    let feed = this.feeds.get(cameraId);
    if (!feed) {
      feed = { viewers: new Set(), gop: [], gopBytes: 0 };
      this.feeds.set(cameraId, feed);
      const own = feed;
      this.source?.setLiveTap(cameraId, (chunk) => this.deliver(own, chunk));
    }
    const viewer: ViewerState = { sink, waiting: true, blocked: false, queue: [], queuedBytes: 0, stats: { sent: 0, skips: 0, dropped: 0 }, closed: false };
    sink.onDrain(() => this.drained(viewer));
    feed.viewers.add(viewer);
    if (feed.init && feed.gop[0]?.keyframe) this.start(viewer, feed.init, feed.gop);
    const current = feed;
    const unsubscribe = () => {
      viewer.closed = true;
      viewer.queue = [];
      current.viewers.delete(viewer);
      if (current.viewers.size === 0 && this.feeds.get(cameraId) === current) {
        this.feeds.delete(cameraId);
        this.source?.setLiveTap(cameraId, null);
      }
    };
    return { unsubscribe, stats: viewer.stats };
  }

  private deliver(feed: CameraFeed, chunk: LiveChunk): void {
    if (chunk.kind === 'init') {
      feed.init = chunk;
      feed.gop = [];
      feed.gopBytes = 0;
      for (const viewer of feed.viewers) if (!viewer.waiting) this.offer(viewer, chunk);
      return;
    }
    if (chunk.keyframe) {
      feed.gop = [chunk];
      feed.gopBytes = chunk.data.length;
    } else if (feed.gop.length > 0) {
      feed.gop.push(chunk);
      feed.gopBytes += chunk.data.length;
      if (this.overLimit(feed.gop, feed.gopBytes, GOP_MAX_MS, GOP_MAX_BYTES)) {
        feed.gop = [];
        feed.gopBytes = 0;
      }
    }
    for (const viewer of feed.viewers) {
      if (!viewer.waiting) this.offer(viewer, chunk);
      else if (chunk.keyframe && feed.init && !viewer.blocked) this.start(viewer, feed.init, [chunk]);
    }
  }

  /** The init and the fragments since the keyframe go to the connection at once (bounded by the GOP's limits). */
  private start(viewer: ViewerState, init: LiveChunk, fragments: readonly LiveChunk[]): void {
    viewer.waiting = false;
    this.write(viewer, init);
    for (const fragment of fragments) this.write(viewer, fragment);
  }

  /** Writes a chunk now, or queues it while the connection is full; too much queued: skip. */
  private offer(viewer: ViewerState, chunk: LiveChunk): void {
    if (viewer.closed) return;
    if (!viewer.blocked) {
      this.write(viewer, chunk);
      return;
    }
    viewer.queue.push(chunk);
    viewer.queuedBytes += chunk.data.length;
    if (this.overLimit(viewer.queue, viewer.queuedBytes)) this.skip(viewer);
  }

  private write(viewer: ViewerState, chunk: LiveChunk): void {
    if (chunk.kind === 'fragment') viewer.stats.sent += 1;
    if (!viewer.sink.write(chunk)) viewer.blocked = true;
  }

  /** Fell behind: what is queued is dropped, and the viewer resumes at a keyframe once it has drained. */
  private skip(viewer: ViewerState): void {
    viewer.stats.skips += 1;
    viewer.stats.dropped += viewer.queue.filter((c) => c.kind === 'fragment').length;
    viewer.queue = [];
    viewer.queuedBytes = 0;
    viewer.waiting = true;
  }

  private drained(viewer: ViewerState): void {
    viewer.blocked = false;
    while (!viewer.closed && !viewer.blocked && viewer.queue.length > 0) {
      const chunk = viewer.queue.shift() as LiveChunk;
      viewer.queuedBytes -= chunk.data.length;
      this.write(viewer, chunk);
    }
  }

  private overLimit(chunks: readonly LiveChunk[], bytes: number, maxMs = this.maxQueueMs, maxBytes = this.maxQueueBytes): boolean {
    if (bytes > maxBytes) return true;
    const first = chunks.find((c) => c.kind === 'fragment');
    const last = chunks.findLast((c) => c.kind === 'fragment');
    return first !== undefined && last !== undefined && last.wallMs - first.wallMs > maxMs;
  }
}
