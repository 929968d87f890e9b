/**
 * When a writer stopped by a full disk starts again: once the disk has room for one more segment plus a
 * reserve. The reserve is proportional so that a small volume can ever reach it: twice the camera's last
 * segment or 1 % of the volume, whichever is more, but never more than 256 MiB (the capacity policy's
 * floor on large volumes, src/retention/capacity.ts). A 2 MiB volume with 300 kB segments thus resumes at
 * 900 kB free; a 4 TB one with 5 MB segments at 261 MiB.
 */
export const MAX_WRITER_RESERVE_BYTES = 256 * 1024 * 1024;
export const RESERVE_VOLUME_SHARE = 0.01;

export function reserveFor(segmentBytes: number, totalBytes: number): number {
  return Math.min(MAX_WRITER_RESERVE_BYTES, Math.max(2 * segmentBytes, Math.round(totalBytes * RESERVE_VOLUME_SHARE)));
}

/** Free bytes needed before writing again. */
export function roomToResume(segmentBytes: number, totalBytes: number): number {
  return segmentBytes + reserveFor(segmentBytes, totalBytes);
}
