/**
 * Public release end to end (art. 22), in headless Chromium against the real server and the real
 * redaction engine: a synthetic clip with faces and plates (test/fixtures/redaction) is recorded as
 * segments of a camera; the first administrator asks for a release in the form, runs the redaction
 * job (progress bar), adds a box by dragging on the picture in the editor, masks every track, signs
 * off; a second administrator approves; the first publishes and reads the file's hash on the page.
 * The released file has one video stream and nothing else, and inside every ground-truth box and the
 * drawn box its pixels differ from the original by the mosaic, while the picture outside is the
 * original's. Screenshots go to test-artifacts/e2e/release-*.png.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentsRoot } from '../../src/recording/local-segment-store.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import type { RunningServer } from '../../src/server.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { compareBox, grayFrames, type Box } from './release-pixels.ts';
import { probeVideo } from './release-segments.ts';
import { startReleaseServer, type ReleaseServer } from './release-setup.ts';
import { releaseClip } from './release-fixture.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const PURPOSE = '警方协查通报:寻找目击者,公开发布遮挡后的片段';
/** The box drawn by hand in the editor, in frame pixels, at this instant (a region no detector marks). */
const DRAWN_AT_S = 1;

const run = chromiumAvailable() ? describe : describe.skip;

run('public release in the browser (e2e)', { timeout: 900_000 }, () => {
  let env: ReleaseServer;
  let server: RunningServer;
  let dataDir: string;
  let work: string;
  let browser: Browser;
  let page: Page;
  let admin: ApiSession;
  let approver: ApiSession;
  let cameraId: string;
  let segments: SegmentRow[];
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `release-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    work = await mkdtemp(path.join(tmpdir(), 'custos-e2e-release-work-'));
    env = await startReleaseServer();
    ({ server, dataDir, admin, approver, cameraId, segments } = env);
    const totp = env.adminTotp;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=totp]');
    await page.fill('input[name=totp]', await totp());
    await page.click('button[type=submit]');
    await page.waitForSelector('header.bar');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('REG-22-1, REG-22-2, REG-22-3: request → redaction job → editor (a box added by drag) → resolve → sign-off → approval → publish; the released file is one mosaicked video stream traced to its original', async () => {
    const from = segments[0]!.startAt;
    const to = segments[segments.length - 1]!.endAt;
    await page.goto(`${server.url}/#/releases/new?camera=${cameraId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    await page.waitForSelector('form[aria-label="release-request"]');
    await page.waitForFunction((id) => Boolean(document.querySelector(`select[name=cameraId] option[value="${id}"]`)), cameraId);
    await page.selectOption('select[name=cameraId]', cameraId);
    await page.selectOption('select[name=basisType]', 'STATE_ORGAN_NOTICE');
    await page.fill('input[name=basisText]', '某县公安局协查通报 2026-17 号');
    await page.fill('textarea[name=purpose]', PURPOSE);
    await page.selectOption('select[name=channel]', 'WEBSITE');
    await page.fill('input[name=url]', 'https://example.org/notice/2026-17');
    await page.click('form[aria-label="release-request"] button[type=submit]');
    await page.waitForSelector('section[data-release][data-status=DRAFT], form[aria-label="release-request"] ~ .error, [role=alert]').catch(async (e: unknown) => {
      await shot('0-form');
      throw e;
    });
    await shot('0-created');
    const releaseId = (await page.getAttribute('section[data-release]', 'data-release')) as string;

    // The redaction job, with its progress bar, until it is done.
    await page.click('button[name=detect]');
    await page.waitForSelector('[data-testid=job-progress], [data-testid=job-status][data-status=DONE]');
    await shot('1-detecting');
    await page.waitForSelector('[data-testid=job-status][data-status=DONE]', { timeout: 600_000 });
    const detected = await admin.call<{ tracks: { id: string; kind: string; keyframes: { t: number }[] }[]; clip: { width: number; height: number; fps: number; frames: number } }>('GET', `/api/releases/${releaseId}/job`);
    expect(detected.tracks.map((t) => t.kind)).toEqual(expect.arrayContaining(['FACE', 'PLATE', 'TEXT']));

    // The editor: the source plays; at 1 s, drag a box where nothing was detected.
    await page.waitForSelector('video[data-ready="1"]', { timeout: 60_000 });
    await page.fill('input[name=seek]', String(DRAWN_AT_S));
    await page.waitForFunction((t) => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - t) < 0.05, DRAWN_AT_S);
    const stage = (await page.locator('[data-testid=redaction-overlay]').boundingBox())!;
    const scale = stage.width / detected.clip.width;
    const drawn = releaseClip.freeBox();
    await page.mouse.move(stage.x + drawn.x * scale, stage.y + drawn.y * scale);
    await page.mouse.down();
    await page.mouse.move(stage.x + (drawn.x + drawn.w) * scale, stage.y + (drawn.y + drawn.h) * scale, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=tracks] tr[data-resolution=MASK]');
    const withManual = await admin.call<{ tracks: { id: string; source: string; keyframes: ({ t: number } & Box)[] }[] }>('GET', `/api/releases/${releaseId}/job`);
    const manual = withManual.tracks.find((t) => t.source === 'MANUAL')!;
    expect(manual.keyframes).toHaveLength(1);
    expect(manual.keyframes[0]!.t).toBeCloseTo(DRAWN_AT_S, 1);
    expect(manual.keyframes[0]!.x).toBeCloseTo(drawn.x, -1);
    await shot('2-editor');

    // Every detection masked (the default after review), then the sign-off.
    for (;;) {
      const unresolved = page.locator('[data-testid=tracks] tr[data-resolution=UNRESOLVED] button[name=mask]');
      if ((await unresolved.count()) === 0) break;
      const before = await page.locator('[data-testid=tracks] tr[data-resolution=UNRESOLVED]').count();
      await unresolved.first().click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=tracks] tr[data-resolution=UNRESOLVED]').length < n, before);
    }
    await page.click('button[name=sign-off]');
    await page.waitForSelector('[data-testid=sign-off]');

    // A second person approves; the requester publishes.
    await approver.call('POST', `/api/releases/${releaseId}/approve`, { note: '同意按协查通报发布' });
    await page.reload();
    await page.waitForSelector('button[name=publish]');
    await page.click('button[name=publish]');
    await page.waitForSelector('section[data-status=PUBLISHED]', { timeout: 600_000 });
    const shownHash = (await page.textContent('[data-testid=release-sha256]'))?.trim();
    await shot('3-published');

    // REG-22-3: the register of releases holds it all; the download is the released file.
    const release = await admin.call<{ status: string; file: { name: string; sha256: string }; approver: { name: string }; channel: string; url: string; manifest: { source: { segments: { sha256: string }[] }; redaction: { parameters: Record<string, unknown>; masked: unknown[] } }; registerEntryId: string }>('GET', `/api/releases/${releaseId}`);
    expect(release).toMatchObject({ status: 'PUBLISHED', approver: { name: '第二管理员' }, channel: 'WEBSITE', url: 'https://example.org/notice/2026-17' });
    expect(shownHash).toBe(release.file.sha256);
    expect(release.manifest.source.segments.map((s) => s.sha256)).toEqual(segments.map((s) => s.sha256));
    expect(release.manifest.redaction.masked).toHaveLength(withManual.tracks.length);
    const entry = await admin.call<{ reason: { category: string }; basis: { type: string; ref: string } }>('GET', `/api/register/${release.registerEntryId}`);
    expect(entry).toMatchObject({ reason: { category: 'PUBLIC_RELEASE' }, basis: { type: 'PUBLIC_RELEASE', ref: releaseId } });
    // The file was made by the render job the publish started (202), which ended DONE with its progress complete.
    const render = await admin.call<{ status: string; error: string | null; progress: { phase: string; done: number; total: number } }>('GET', `/api/releases/${releaseId}/render`);
    expect(render).toMatchObject({ status: 'DONE', error: null, progress: { phase: 'done' } });
    expect(render.progress.total).toBeGreaterThan(0);
    expect(render.progress.done).toBe(render.progress.total);
    const downloaded = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
    }, `/api/releases/${releaseId}/file`);
    expect(downloaded.status).toBe(200);
    const releasedFile = path.join(work, 'released.mp4');
    writeFileSync(releasedFile, Buffer.from(downloaded.bytes));
    expect(createHash('sha256').update(readFileSync(releasedFile)).digest('hex')).toBe(release.file.sha256);

    // REG-22-2: one video stream, nothing else, no location.
    const probe = await probeVideo(releasedFile);
    expect(probe.streams.map((s) => s.codec_type)).toEqual(['video']);
    expect(Object.keys(probe.tags).filter((k) => /location/i.test(k))).toEqual([]);
    expect(probe.width).toBe(detected.clip.width);

    // Inside every ground-truth box (and the drawn one) the released pixels differ from the original by
    // the mosaic (changed, and the fine detail gone); a region far from every box is the original's.
    const size = { width: detected.clip.width, height: detected.clip.height };
    const originals = segments.map((s) => path.join(segmentsRoot(dataDir), s.path));
    const truth = releaseClip.groundTruth();
    const indices = [...new Set([...truth.map((g) => g.frame), Math.round(DRAWN_AT_S * detected.clip.fps)])].sort((a, b) => a - b);
    const [before, after] = await Promise.all([grayFrames(originals, indices, size, work), grayFrames([releasedFile], indices, size, work)]);
    const failures: string[] = [];
    let checked = 0;
    const worst = { diff: Infinity, sharpRatio: 0 };
    for (const g of [...truth, { frame: Math.round(DRAWN_AT_S * detected.clip.fps), kind: 'DRAWN', box: drawn }]) {
      const o = before.frames.get(g.frame);
      const r = after.frames.get(g.frame);
      if (!o || !r) {
        failures.push(`frame ${g.frame} missing`);
        continue;
      }
      const c = compareBox(o, r, size, g.box);
      checked++;
      worst.diff = Math.min(worst.diff, c.diff);
      worst.sharpRatio = Math.max(worst.sharpRatio, c.sharpReleased / Math.max(1, c.sharpOriginal));
      if (c.sharpOriginal > 20 && !(c.diff > 4 && c.sharpReleased < 0.5 * c.sharpOriginal)) failures.push(`${g.kind} at frame ${g.frame}: ${JSON.stringify(c)}`);
    }
    expect(checked).toBeGreaterThan(3);
    expect(failures).toEqual([]);
    const control = releaseClip.controlBox();
    const frame = indices[0] as number;
    const outside = compareBox(before.frames.get(frame)!, after.frames.get(frame)!, size, control);
    expect(outside.diff).toBeLessThan(4);
    process.stdout.write(`${JSON.stringify({ boxesChecked: checked, leastMeanDiffInBox: Number(worst.diff.toFixed(1)), mostDetailLeft: Number(worst.sharpRatio.toFixed(3)), meanDiffOutside: Number(outside.diff.toFixed(2)) })}\n`);
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
