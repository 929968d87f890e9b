/**
 * Footage for the public-release browser test: a clip cut into self-contained fMP4 segments (each with
 * its own init and decode times from zero, as the recorder writes them) and stored through the
 * recording's own segment writer, so they are hashed, chained and indexed like recorded footage.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../../src/db/connect.ts';
import { scanBoxes } from '../../src/media/fmp4/parse.ts';
import { LocalSegmentStore, segmentsRoot } from '../../src/recording/local-segment-store.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { SegmentWriter } from '../../src/recording/segment-writer.ts';
import type { Clock } from '../../src/shared/clock.ts';

const run = promisify(execFile);

export async function probeVideo(file: string): Promise<{ width: number; height: number; fps: number; frames: number; durationS: number; streams: { codec_type: string }[]; tags: Record<string, string> }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,width,height,r_frame_rate,nb_read_frames:format=duration:format_tags:stream_tags', '-of', 'json', file]);
  const info = JSON.parse(stdout) as { streams: { codec_type: string; width?: number; height?: number; r_frame_rate?: string; nb_read_frames?: string }[]; format: { duration?: string; tags?: Record<string, string> } };
  const video = info.streams.find((s) => s.codec_type === 'video');
  const [num, den] = (video?.r_frame_rate ?? '25/1').split('/').map(Number);
  return {
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    fps: (num ?? 25) / (den || 1),
    frames: Number(video?.nb_read_frames ?? 0),
    durationS: Number(info.format.duration ?? 0),
    streams: info.streams,
    tags: info.format.tags ?? {},
  };
}

/** Cuts `clip` into `segmentSeconds` pieces (a keyframe at each cut) and records them for `cameraId` from `startMs`. */
export async function recordClip(db: Db, dataDir: string, clock: Clock, cameraId: string, clip: string, startMs: number, segmentSeconds = 2): Promise<SegmentRow[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'custos-release-clip-'));
  try {
    const { fps } = await probeVideo(clip);
    await run('ffmpeg', [
      '-v', 'error', '-i', clip, '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p',
      '-force_key_frames', `expr:gte(t,n_forced*${segmentSeconds})`, '-f', 'segment', '-segment_time', String(segmentSeconds), '-reset_timestamps', '1',
      '-segment_format', 'mp4', '-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof', path.join(work, 'seg-%03d.mp4'),
    ]);
    const store = new LocalSegmentStore(segmentsRoot(dataDir));
    const rows: SegmentRow[] = [];
    const writer = new SegmentWriter({ db, store, cameraId, clock, onSegment: (row) => rows.push(row) });
    let at = startMs;
    for (const name of (await readdir(work)).filter((n) => n.startsWith('seg-')).sort()) {
      const file = path.join(work, name);
      const bytes = await readFile(file);
      const moov = scanBoxes(bytes).find((b) => b.type === 'moov');
      if (!moov) throw new Error(`${name}: no moov`);
      const initEnd = moov.offset + moov.size;
      const { frames } = await probeVideo(file);
      const ms = Math.round((frames / fps) * 1000);
      await writer.open(bytes.subarray(0, initEnd));
      await writer.append(bytes.subarray(initEnd), { startMs: at, endMs: at + ms, frames, keyframe: true });
      await writer.close();
      at += ms;
    }
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
