/**
 * Which ffmpeg the fallback recorder runs: the configured path; otherwise `ffmpeg` on PATH; otherwise
 * the static binary of the npm package @ffmpeg-installer/ffmpeg when that optional package is installed.
 */
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, searchPath = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** The binary of @ffmpeg-installer/ffmpeg, or null when the package is not installed. */
export function installerFfmpeg(): string | null {
  try {
    const pkg = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path?: unknown };
    return typeof pkg.path === 'string' && executable(pkg.path) ? pkg.path : null;
  } catch {
    return null;
  }
}

/** The configured path as given (a missing binary then shows as the camera's error); 'ffmpeg' when none is found. */
export function resolveFfmpegPath(configured?: string): string {
  if (configured) return configured;
  return onPath('ffmpeg') ?? installerFfmpeg() ?? 'ffmpeg';
}
