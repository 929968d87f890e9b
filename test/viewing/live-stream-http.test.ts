/**
 * The live stream over real HTTP: the real server with its recorder and the demo simulator, read by a
 * real client (fetch). Every fragment of several segments arrives, in order, without a gap (mfhd
 * sequence numbers and tfdt decode times), in chunks of well under a second; also for a client that
 * reads slowly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loadConfig } from '../../src/config/load.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from '../e2e/support/api.ts';
import { breaks, walk, type Walked } from './support/fmp4-walk.ts';

const REASON = { category: 'INCIDENT_INVESTIGATION', text: '实时流连续性检查:片段序号与解码时间' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the live stream for `ms`, pausing `pauseMs` after each read; returns its boxes. */
async function readLive(base: string, cameraId: string, token: string, ms: number, pauseMs = 0): Promise<Walked[]> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/media/live.mp4?cameraId=${cameraId}`, { headers: { 'x-media-token': token }, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const until = Date.now() + ms;
  let buffer = Buffer.alloc(0);
  const pieces: Walked[] = [];
  while (Date.now() < until) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer = Buffer.concat([buffer, value]);
    const { pieces: complete, rest } = walk(buffer);
    pieces.push(...complete);
    buffer = buffer.subarray(rest);
    if (pauseMs) await sleep(pauseMs);
  }
  controller.abort();
  return pieces;
}

/** Opens the live WebSocket as a browser would (token as the second subprotocol); resolves the socket, or the refusal's status. */
function openSocket(base: string, cameraId: string, token: string): Promise<{ socket: WebSocket } | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/media/live.ws?cameraId=${cameraId}`, ['custos.media', token]);
    socket.on('open', () => resolve({ socket }));
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (d: Buffer) => (body += d.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on('error', reject);
  });
}

describe('the live stream over HTTP', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let dataDir: string;
  let cameraId: string;
  let api: ApiSession;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'custos-live-http-'));
    const config = loadConfig({
      env: { CUSTOS_DATA_DIR: dataDir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_SIMULATOR_PORT: '0', CUSTOS_RECORDING_SEGMENT_SECONDS: '2', CUSTOS_LOG_LEVEL: 'warn' },
    });
    server = await startServer(config, { logger: false, printSetupLink: false });
    const setup = await fetch(`${server.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.setupToken, username: 'admin', password: TEST_PASSWORD, displayName: '管理员' }) });
    expect(setup.status).toBe(201);
    api = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    await api.recordPrerequisites();
    cameraId = (await api.call<{ id: string }[]>('GET', '/api/cameras'))[0]!.id;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async () => (await api.call<{ token: string }>('POST', '/api/access/live', { cameraId, reason: REASON })).token;

  it('delivers every fragment of several segments, contiguous, in chunks under half a second', async () => {
    const pieces = await readLive(server.url, cameraId, await open(), 7000);
    const fragments = pieces.filter((p) => p.kind === 'fragment');
    // Segments of 2 s: at least three inits (the first, then one per segment).
    expect(pieces.filter((p) => p.kind === 'init').length).toBeGreaterThanOrEqual(3);
    expect(pieces[0]).toEqual({ kind: 'init' });
    expect(fragments[0]).toMatchObject({ keyframe: true });
    expect(breaks(pieces)).toEqual([]);
    // Every fragment carries its wall clock first (prft).
    expect(pieces.filter((p) => p.kind === 'prft').length).toBe(fragments.length);
    // About 7 s of video in 7 s (less the start-up wait for a keyframe), nothing skipped.
    const seconds = fragments.reduce((n, f) => n + f.duration, 0) / 90_000;
    expect(seconds).toBeGreaterThan(4);
    expect(Math.max(...fragments.map((f) => f.duration))).toBeLessThanOrEqual(0.5 * 90_000);
  });

  it('carries the same contiguous chunks over the WebSocket (one message each), and refuses a socket without a live token', async () => {
    const refused = await openSocket(server.url, cameraId, 'not-a-token');
    expect(refused).toMatchObject({ status: 403 });
    expect(JSON.parse((refused as { body: string }).body)).toMatchObject({ code: 'E_MEDIA_TOKEN' });
    const opened = await openSocket(server.url, cameraId, await open());
    if (!('socket' in opened)) throw new Error(`refused: ${opened.status} ${opened.body}`);
    expect(opened.socket.protocol).toBe('custos.media');
    const pieces: Walked[] = [];
    let messages = 0;
    opened.socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      messages += 1;
      const { pieces: inMessage, rest } = walk(data);
      expect(rest).toBe(data.length); // whole boxes in every message
      pieces.push(...inMessage);
    });
    await sleep(5000);
    opened.socket.close();
    expect(pieces.filter((p) => p.kind === 'init').length).toBeGreaterThanOrEqual(2);
    expect(messages).toBe(pieces.filter((p) => p.kind !== 'prft').length);
    expect(breaks(pieces)).toEqual([]);
  });

  it('keeps every fragment for a client that reads slowly but keeps up', async () => {
    const pieces = await readLive(server.url, cameraId, await open(), 7000, 150);
    expect(pieces.filter((p) => p.kind === 'init').length).toBeGreaterThanOrEqual(3);
    expect(breaks(pieces)).toEqual([]);
  });
});
