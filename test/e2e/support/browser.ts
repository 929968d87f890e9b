/**
 * Headless Chromium for the browser tests and the viewing bench: Debian's /usr/bin/chromium through
 * playwright-core, a fresh profile folder each time, no background networking. Missing Chromium fails
 * loudly in CI and skips (loudly) elsewhere.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CUSTOS_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

/** Whether Chromium is there; in CI its absence throws, elsewhere it is announced and the caller skips. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium is not installed at ${CHROMIUM} (Debian package \`chromium\`).`;
  if (process.env.CI) throw new Error(`${message} CI runs the browser tests.`);
  process.stderr.write(`\n!!! ${message}\n!!! The browser (e2e) tests are SKIPPED.\n\n`);
  return false;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'custos-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
