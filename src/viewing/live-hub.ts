/**
 * Live view from the recorder's own fragments, no transcoding: while a camera has viewers, its
 * recorder posts each init segment and fragment here (a tap, off when nobody watches), and the hub
 * hands them to every viewer. A viewer starts at a keyframe: at once from the fragments kept since the
 * newest keyframe, or at the next one. A viewer that falls behind skips to the next keyframe.
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

/** What a viewer receives; returns false when it cannot take more now (it then resumes at a keyframe). */
export type LiveViewer = (chunk: LiveChunk) => boolean;

interface ViewerState {
  send: LiveViewer;
  started: boolean;
}

interface CameraFeed {
  viewers: Set<ViewerState>;
  init?: LiveChunk;
  /** Fragments since the newest keyframe. */
  gop: LiveChunk[];
}

const GOP_LIMIT = 16;

export class LiveHub {
  private readonly feeds = new Map<string, CameraFeed>();

  constructor(private readonly source: LiveTapSource | undefined) {}

  get available(): boolean {
    return this.source !== undefined;
  }

  viewers(cameraId: string): number {
    return this.feeds.get(cameraId)?.viewers.size ?? 0;
  }

  /** Adds a viewer; the returned function removes it (the tap goes off with the last one). */
  subscribe(cameraId: string, send: LiveViewer): () => void {
    let feed = this.feeds.get(cameraId);
    if (!feed) {
      feed = { viewers: new Set(), gop: [] };
      this.feeds.set(cameraId, feed);
      const own = feed;
      this.source?.setLiveTap(cameraId, (chunk) => this.deliver(own, chunk));
    }
    const viewer: ViewerState = { send, started: false };
    feed.viewers.add(viewer);
    if (feed.init && feed.gop[0]?.keyframe) this.start(viewer, feed.init, feed.gop);
    const current = feed;
    return () => {
      current.viewers.delete(viewer);
      if (current.viewers.size === 0 && this.feeds.get(cameraId) === current) {
        this.feeds.delete(cameraId);
        this.source?.setLiveTap(cameraId, null);
      }
    };
  }

  private deliver(feed: CameraFeed, chunk: LiveChunk): void {
    if (chunk.kind === 'init') {
      feed.init = chunk;
      feed.gop = [];
      for (const viewer of feed.viewers) if (viewer.started) viewer.started = viewer.send(chunk);
      return;
    }
    if (chunk.keyframe) feed.gop = [chunk];
    else if (feed.gop.length > 0 && feed.gop.length < GOP_LIMIT) feed.gop.push(chunk);
    for (const viewer of feed.viewers) {
      if (viewer.started) viewer.started = viewer.send(chunk);
      else if (chunk.keyframe && feed.init) this.start(viewer, feed.init, [chunk]);
    }
  }

  private start(viewer: ViewerState, init: LiveChunk, fragments: LiveChunk[]): void {
    viewer.started = viewer.send(init);
    for (const fragment of fragments) if (viewer.started) viewer.started = viewer.send(fragment);
  }
}
