/** Extracts some entries of a bundle into a private temporary folder for the length of a callback. */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { entryStream, type TarEntry } from './tar.ts';

export async function extractTo<T>(bundle: string, entries: Map<string, TarEntry>, names: readonly string[], run: (files: Map<string, string>) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'custos-verify-'));
  try {
    const files = new Map<string, string>();
    for (const [i, name] of names.entries()) {
      const entry = entries.get(name);
      if (!entry) continue;
      // Names inside the bundle never become paths: each file gets a numbered name of our own.
      const file = path.join(dir, `${i}.mp4`);
      await mkdir(path.dirname(file), { recursive: true });
      if (entry.size === 0) await pipeline(async function* () {}, createWriteStream(file));
      else await pipeline(entryStream(bundle, entry), createWriteStream(file, { mode: 0o600 }));
      files.set(name, file);
    }
    return await run(files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
