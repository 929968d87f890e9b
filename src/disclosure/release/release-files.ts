/**
 * The files of public releases, under `<dataDir>/releases/<releaseId>/`: the released (redacted) file
 * and its manifest. Paths are built from our own ids only and checked to stay inside that folder.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { resolveInRoot } from '../../recording/segment-paths.ts';
import { segmentsRoot } from '../../recording/local-segment-store.ts';
import type { SegmentRow } from '../../recording/model.ts';
import type { SegmentReader } from '../../recording/segment-store.ts';
import type { ReleaseManifest } from './model.ts';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class ReleaseFiles {
  readonly root: string;

  /** `segments`: the stores' reader, for segments that are not on local disk (the object store). */
  constructor(
    private readonly dataDir: string,
    private readonly segments?: SegmentReader,
  ) {
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

  /**
   * Runs `use` over local files of the segments: their own files, or, for those in the object store,
   * copies downloaded for the run and removed after it.
   */
  async withSegmentFiles<T>(segments: readonly SegmentRow[], use: (files: string[]) => Promise<T>): Promise<T> {
    const remote = segments.filter((s) => s.location === 's3');
    if (remote.length === 0 || !this.segments) return use(this.segmentFiles(segments));
    const work = path.join(this.root, '.work', randomUUID());
    await mkdir(work, { recursive: true, mode: 0o700 });
    try {
      const root = segmentsRoot(this.dataDir);
      const files: string[] = [];
      for (const s of segments) {
        if (s.location !== 's3') {
          files.push(resolveInRoot(root, s.path));
          continue;
        }
        const copy = path.join(work, `${files.length}.mp4`);
        await pipeline(await this.segments.openRead(s.path), createWriteStream(copy, { flags: 'wx', mode: 0o600 }));
        files.push(copy);
      }
      return await use(files);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
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
