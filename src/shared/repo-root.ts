import { fileURLToPath } from 'node:url';

/**
 * The project's root folder (web/, media/ and package.json live there). This module sits two levels
 * down both in the sources (src/shared/) and in the build (dist/cli/, where every module is bundled
 * beside the entry points), so the same relative path holds for both.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
