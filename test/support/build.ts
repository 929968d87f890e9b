import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** `npm run build`: what users run (dist/cli, web/dist), rebuilt only when its sources changed. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
