/**
 * The redaction engine the public-release workflow (art. 22, REG-22-1/REG-22-2) calls: detect faces,
 * plates and sign text (organisation names) into tracks, and render a released file with every track
 * burned in as a mosaic.
 *
 *   const engine = createRedactionEngine({ ffmpegPath });
 *   const { tracks } = await engine.detect(segmentFiles, { onProgress, signal });
 *   const released = await engine.render(segmentFiles, reviewedTracks, outFile, { signal });
 */
import { DEFAULT_DETECT, type DetectSettings, detectClip } from './detect.ts';
import { mediaTools } from './ffmpeg-io.ts';
import type { DetectOptions, DetectResult, RedactionEngine, RenderOptions, RenderResult, Track } from './model.ts';
import { DEFAULT_ENCODE, type EncodeSettings, renderClip } from './render.ts';

export interface RedactionEngineConfig {
  /** ffmpeg to run (ffprobe is looked for beside it); default: ffmpeg on PATH, else @ffmpeg-installer's. */
  ffmpegPath?: string;
  /** Defaults for detection (every Nth frame, face confidence, face scale, smallest plate width, smallest sign character). */
  detect?: Partial<DetectSettings>;
  /** x264 preset and CRF of the released file. */
  encode?: Partial<EncodeSettings>;
}

export function createRedactionEngine(config: RedactionEngineConfig = {}): RedactionEngine {
  const tools = mediaTools(config.ffmpegPath);
  const detectDefaults = { ...DEFAULT_DETECT, ...config.detect };
  const encode = { ...DEFAULT_ENCODE, ...config.encode };
  return {
    detect(inputs: string[], options?: DetectOptions): Promise<DetectResult> {
      return detectClip(tools, inputs, options, detectDefaults);
    },
    render(inputs: string[], tracks: Track[], out: string, options?: RenderOptions): Promise<RenderResult> {
      return renderClip(tools, inputs, tracks, out, options, encode);
    },
  };
}
