import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Fmp4StreamSplitter, type Fmp4Piece } from '../../src/media/fmp4/stream-splitter.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { readFragmentTiming, readStreamInit } from '../../src/recorder/fmp4-fragment-meta.ts';
import { ffmpegArgs } from '../../src/recorder/ffmpeg-source.ts';

const run = promisify(execFile);

/** ffmpeg's fMP4 of the committed clip, made with the fallback recorder's own output options. */
async function ffmpegFmp4(codec: 'h264' | 'h265'): Promise<Buffer> {
  const args = ffmpegArgs({ ffmpegPath: 'ffmpeg', url: DEFAULT_CLIPS[codec], inputArgs: ['-r', '25'] });
  const { stdout } = await run('ffmpeg', args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

function splitInChunks(data: Buffer, sizes: () => number): Fmp4Piece[] {
  const splitter = new Fmp4StreamSplitter();
  const pieces: Fmp4Piece[] = [];
  for (let at = 0; at < data.length; ) {
    const n = Math.max(1, sizes());
    pieces.push(...splitter.push(data.subarray(at, at + n)));
    at += n;
  }
  return pieces;
}

describe('fMP4 stream splitter and fragment timing', () => {
  it.each(['h264', 'h265'] as const)('splits ffmpeg’s %s output the same way whatever the chunk sizes, and reads each fragment’s timing', async (codec) => {
    const data = await ffmpegFmp4(codec);
    const whole = splitInChunks(data, () => data.length);
    let seed = 7;
    const random = splitInChunks(data, () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 5000);
    const bytewise = splitInChunks(data, () => 1);
    const same = (a: Fmp4Piece[]) => a.length === whole.length && a.every((p, i) => p.data.equals(whole[i]!.data));
    expect(same(random)).toBe(true);
    expect(same(bytewise)).toBe(true);
    expect(whole.map((p) => p.kind)).toEqual(['init', 'fragment', 'fragment', 'fragment', 'fragment']);

    const init = readStreamInit(whole[0]!.data);
    expect(init).toMatchObject({ codec, width: 640, height: 360 });
    const timings = whole.slice(1).map((p) => (p.kind === 'fragment' ? readFragmentTiming(p.data, p.moofOffset, init!) : null));
    // The clip: 100 frames at 25 fps, a keyframe every 2 s, fragments of 1 s.
    expect(timings.map((t) => t && { seconds: t.decodeTime / init!.timescale, frames: t.frames, keyframe: t.keyframe })).toEqual([
      { seconds: 0, frames: 25, keyframe: true },
      { seconds: 1, frames: 25, keyframe: false },
      { seconds: 2, frames: 25, keyframe: true },
      { seconds: 3, frames: 25, keyframe: false },
    ]);
  });

  it('rejects a stream that is not fMP4', () => {
    const splitter = new Fmp4StreamSplitter();
    expect(() => splitter.push(Buffer.from('\x00\x00\x00\x04junkjunk', 'latin1'))).toThrow(/invalid box size/);
    expect(() => new Fmp4StreamSplitter().push(Buffer.from('\x00\x00\x00\x08mdat', 'latin1'))).toThrow(/before moov/);
  });
});
