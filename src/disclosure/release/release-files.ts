/**
 * The files of public releases, under `<dataDir>/releases/<releaseId>/`: the released (redacted) file
 * and its manifest. Paths are built from our own ids only and checked to stay inside that folder.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInRoot } from '../../recording/segment-paths.ts';
import { segmentsRoot } from '../../recording/local-segment-store.ts';
import type { SegmentRow } from '../../recording/model.ts';
import type { ReleaseManifest } from './model.ts';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class ReleaseFiles {
  readonly root: string;

  constructor(private readonly dataDir: string) {
    this.root = path.resolve(dataDir, 'releases');
  }

  /** The folder of one release (made on demand). */
  async folder(releaseId: string): Promise<string> {
    if (!SAFE_ID.test(releaseId)) throw new Error(`not a release id: ${releaseId}`);
    const dir = resolveInRoot(this.root, releaseId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  /** The released file's path from its stored name (inside the release's folder, never elsewhere). */
  filePath(releaseId: string, fileName: string): string {
    if (!SAFE_ID.test(releaseId) || !/^[A-Za-z0-9_.-]{1,100}$/.test(fileName)) throw new Error('not a release file');
    return resolveInRoot(this.root, `${releaseId}/${fileName}`);
  }

  /** The original segment files, in time order, as the engine reads them. */
  segmentFiles(segments: readonly SegmentRow[]): string[] {
    const root = segmentsRoot(this.dataDir);
    return segments.map((s) => resolveInRoot(root, s.path));
  }

  async writeManifest(releaseId: string, manifest: ReleaseManifest): Promise<string> {
    const file = path.join(await this.folder(releaseId), 'manifest.json');
    await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return file;
  }

  async remove(file: string): Promise<void> {
    await rm(file, { force: true });
  }

  open(releaseId: string, fileName: string): ReturnType<typeof createReadStream> {
    return createReadStream(this.filePath(releaseId, fileName));
  }

}
