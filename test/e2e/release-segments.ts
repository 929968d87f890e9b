/**
 * Footage for the public-release browser test: self-contained fMP4 segments (each with its own init
 * and decode times from zero, as the recorder writes them) stored through the recording's own segment
 * writer, so they are hashed, chained and indexed like recorded footage.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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

/**
 * Records self-contained fMP4 files (ftyp, moov, then fragments; decode times from zero) as consecutive
 * segments of `cameraId` from `startMs`: init and fragments go through the segment writer as the
 * recorder's would (a trailing mfra index is left out, as the recorder writes none).
 */
export async function recordSegments(db: Db, dataDir: string, clock: Clock, cameraId: string, files: string[], startMs: number): Promise<SegmentRow[]> {
  const store = new LocalSegmentStore(segmentsRoot(dataDir));
  const rows: SegmentRow[] = [];
  const writer = new SegmentWriter({ db, store, cameraId, clock, onSegment: (row) => rows.push(row) });
  let at = startMs;
  for (const file of files) {
    const bytes = await readFile(file);
    const boxes = scanBoxes(bytes);
    const moov = boxes.find((b) => b.type === 'moov');
    if (!moov) throw new Error(`${file}: no moov`);
    const fragments = boxes.filter((b) => b.type === 'moof' || b.type === 'mdat').map((b) => bytes.subarray(b.offset, b.offset + b.size));
    const { frames, fps } = await probeVideo(file);
    const ms = Math.round((frames / fps) * 1000);
    await writer.open(bytes.subarray(0, moov.offset + moov.size));
    await writer.append(fragments, { startMs: at, endMs: at + ms, frames, keyframe: true });
    await writer.close();
    at += ms;
  }
  return rows;
}
