/** Test-only: a camera's live feed played from a committed clip at its frame rate (what the recorder would hand the cascade). */
import { DEFAULT_CLIPS, frameTimestamp, loadClip } from '../../../src/media/simulator/clip.ts';
import type { CascadeLiveSource, LiveFeed } from '../../../src/gb28181/cascade/live-upward.ts';
import type { LivePicture } from '../../../src/gb28181/ua/ps-relay.ts';

export class ClipLiveSource implements CascadeLiveSource {
  readonly opened: string[] = [];
  readonly feeds: Array<LiveFeed & { closed: boolean; end(): void }> = [];

  constructor(private readonly live: Set<string>) {}

  async open(cameraId: string): Promise<LiveFeed | null> {
    if (!this.live.has(cameraId)) return null;
    this.opened.push(cameraId);
    const clip = await loadClip(DEFAULT_CLIPS.h264, 'h264');
    const pictures: Array<(p: LivePicture) => void> = [];
    const ends: Array<() => void> = [];
    // Start mid-clip, as a live camera does: the relay waits for the next keyframe.
    let k = 7;
    const timer = setInterval(() => {
      const frame = clip.frames[k % clip.frames.length]!;
      for (const listener of pictures) listener({ nalus: frame.nalus, keyframe: frame.keyframe, pts90k: frameTimestamp(clip, k) });
      k++;
    }, 1000 / clip.fps);
    const feed = {
      codec: clip.codec,
      closed: false,
      parameterSets: () => clip.parameterSets,
      onPicture: (listener: (p: LivePicture) => void) => void pictures.push(listener),
      onEnd: (listener: () => void) => void ends.push(listener),
      close: () => {
        feed.closed = true;
        clearInterval(timer);
      },
      end: () => {
        clearInterval(timer);
        for (const listener of ends) listener();
      },
    };
    this.feeds.push(feed);
    return feed;
  }
}
