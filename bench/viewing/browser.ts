/**
 * The browser half of bench:viewing, in headless Chromium against the real server and the simulator:
 * live latency (Date.now() in the page minus the wall clock of the picture shown, which the player
 * reads from PROGRAM-DATE-TIME or the live fragments' stamps) and the time from confirming play on a
 * recorded instant to its first presented frame (requestVideoFrameCallback).
 */
import type { Page } from 'playwright-core';
const TEST_PASSWORD = 'correct horse battery staple 2025';
import { ApiSession } from '../../test/e2e/support/api.ts';
import { chromiumAvailable, launchBrowser } from '../../test/e2e/support/browser.ts';
import { startE2EServer } from '../../test/e2e/support/server.ts';

const REASON = '性能测试:回放首帧与实时延迟测量';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answerReason(page: Page): Promise<void> {
  await page.waitForSelector('dialog textarea[name=reasonText]');
  await page.fill('dialog textarea[name=reasonText]', REASON);
}

async function liveLatency(page: Page, base: string, cameraId: string, seconds: number, hls: boolean) {
  await page.goto('about:blank');
  await page.goto(`${base}/#/live/${cameraId}${hls ? '?path=hls' : ''}`);
  await answerReason(page);
  await page.click('dialog button[type=submit]');
  const video = `video[data-camera="${cameraId}"]`;
  await page.waitForFunction((s) => Number(document.querySelector<HTMLVideoElement>(s)?.dataset.wallClock ?? 0) > 0, video, { timeout: 90_000 });
  const samples: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    samples.push(await page.$eval(video, (v: HTMLVideoElement) => Date.now() - Number(v.dataset.wallClock)));
    await sleep(250);
  }
  const path = await page.getAttribute(video, 'data-path');
  return { path, medianMs: Math.round(median(samples)), p95Ms: Math.round(p95(samples)), samples: samples.length };
}

async function firstFrame(page: Page, base: string, cameraId: string, at: number): Promise<number> {
  await page.goto('about:blank');
  await page.goto(`${base}/#/playback/${cameraId}?at=${new Date(at).toISOString()}`);
  await page.waitForSelector('[data-testid=timeline] .covered');
  await page.click('button[name=play]');
  await answerReason(page);
  return page.evaluate(async () => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid=playback-video]');
    const submit = document.querySelector<HTMLButtonElement>('dialog button[type=submit]');
    if (!video || !submit) throw new Error('no player');
    const shown = new Promise<number>((resolve) => video.requestVideoFrameCallback(() => resolve(performance.now())));
    const t0 = performance.now();
    submit.click();
    return (await shown) - t0;
  });
}

export async function benchBrowser(options: { liveSeconds: number; plays: number; segmentSeconds: number }): Promise<Record<string, unknown>> {
  if (!chromiumAvailable()) return { browser: 'skipped: no chromium' };
  const server = await startE2EServer({ segmentSeconds: options.segmentSeconds });
  const browser = await launchBrowser();
  try {
    const setup = await fetch(`${server.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.setupToken, username: 'bench', password: TEST_PASSWORD, displayName: '测试' }) });
    if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
    const api = await ApiSession.signIn(server.url, 'bench', TEST_PASSWORD);
    await api.recordPrerequisites();
    const cameraId = (await api.call<{ id: string }[]>('GET', '/api/cameras'))[0]!.id;
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.fill('input[name=username]', 'bench');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.bar');

    const live = await liveLatency(page, server.url, cameraId, options.liveSeconds, false);
    const liveHls = await liveLatency(page, server.url, cameraId, options.liveSeconds, true);
    // Recorded instants: within the completed segments so far.
    const recorded = await api.call<{ ranges: { from: string; to: string }[] }>(
      'GET',
      `/api/cameras/${cameraId}/coverage?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date().toISOString()}`,
    );
    const first = recorded.ranges[0];
    if (!first) throw new Error('nothing recorded yet');
    const from = Date.parse(first.from);
    const to = Date.parse(recorded.ranges[recorded.ranges.length - 1]!.to);
    const times: number[] = [];
    for (let i = 0; i < options.plays; i++) times.push(await firstFrame(page, server.url, cameraId, from + 1000 + ((to - from - 2000) * i) / Math.max(1, options.plays)));
    return {
      // Camera-to-glass on the default path (recorder chunks over a WebSocket into MSE): the page's clock
      // minus the camera's wall clock of the picture shown, median over the window.
      cameraToGlassMs: live.medianMs,
      live,
      liveHls,
      firstRecordedFrame: { medianMs: Math.round(median(times)), maxMs: Math.round(Math.max(...times)), runs: times.map(Math.round) },
      recordingSegmentSeconds: options.segmentSeconds,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
