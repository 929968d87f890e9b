/**
 * Segment files that must stay out of a camera's chain, kept (never deleted) under
 * `<root>/<cameraId>/orphans/`, where neither recovery nor verification looks (they read day folders only):
 * a cluster recorder's segment refused for a lost lease (E_LEASE_LOST), and a dead recorder's partial
 * whose seq its successor has already used.
 */
import path from 'node:path';
import type { SegmentFs } from './segment-fs.ts';
import { resolveInRoot } from './segment-paths.ts';

export const ORPHANS_DIR = 'orphans';

/** Moves the file (relative to the root) into its camera's orphans folder; returns the new relative path. */
export async function setAsideOrphan(fs: SegmentFs, root: string, rel: string): Promise<string> {
  const parts = rel.split('/');
  const target = [parts[0] as string, ORPHANS_DIR, parts[parts.length - 1] as string].join('/');
  const from = resolveInRoot(root, rel);
  const to = resolveInRoot(root, target);
  await fs.mkdir(path.dirname(to));
  await fs.publish(from, to);
  await fs.syncDir(path.dirname(to));
  await fs.syncDir(path.dirname(from));
  return target;
}
