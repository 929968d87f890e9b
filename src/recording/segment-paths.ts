/**
 * Where segments live: `<root>/<cameraId>/<yyyy>/<mm>/<dd>/<seq>-<startMs>.mp4` (UTC date of the start).
 * Camera ids are checked before they touch the file system and every path must stay under the root.
 */
import path from 'node:path';
import { isWithin } from '../archive/archive-paths.ts';
import { InvalidError } from '../shared/errors.ts';

const CAMERA_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const FINAL_RE = /^(\d{1,15})-(\d{1,15})\.mp4$/;
const PARTIAL_RE = /^(\d{1,15})-(\d{1,15})\.mp4\.partial$/;
export const PARTIAL_SUFFIX = '.partial';

export interface SegmentKey {
  cameraId: string;
  seq: number;
  startMs: number;
}

function invalid(detail: string): InvalidError {
  return new InvalidError('E_SEGMENT_PATH_INVALID', {
    message: { zh: `录像存储路径无效:${detail}`, en: `Invalid segment storage path: ${detail}` },
    details: { detail },
  });
}

export function isCameraId(id: string): boolean {
  return CAMERA_ID_RE.test(id);
}

export function checkCameraId(id: string): void {
  if (!isCameraId(id)) throw invalid('cameraId');
}

/** The relative path (`/`-separated, as stored in the index) of a segment. */
export function segmentRelPath(key: SegmentKey): string {
  checkCameraId(key.cameraId);
  if (!Number.isSafeInteger(key.seq) || key.seq < 1) throw invalid('seq');
  if (!Number.isSafeInteger(key.startMs) || key.startMs < 0) throw invalid('startMs');
  const day = new Date(key.startMs).toISOString().slice(0, 10).split('-');
  return [key.cameraId, ...day, `${key.seq}-${key.startMs}.mp4`].join('/');
}

/** The absolute path of a relative one, refused when it leads outside the root. */
export function resolveInRoot(root: string, relPath: string): string {
  const abs = path.resolve(root, ...relPath.split('/'));
  if (path.isAbsolute(relPath) || !isWithin(root, abs)) throw invalid('outside the segments root');
  return abs;
}

export function cameraDir(root: string, cameraId: string): string {
  checkCameraId(cameraId);
  return resolveInRoot(root, cameraId);
}

/** seq and start of a file name, or null when the name is not one of ours. */
export function parseSegmentName(name: string): { seq: number; startMs: number; partial: boolean } | null {
  const m = FINAL_RE.exec(name) ?? PARTIAL_RE.exec(name);
  if (!m) return null;
  return { seq: Number(m[1]), startMs: Number(m[2]), partial: name.endsWith(PARTIAL_SUFFIX) };
}
