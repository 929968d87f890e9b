/**
 * A recorder's live server, over real HTTP with a recorder double: it answers only requests signed with
 * the cluster key for this path and not expired (403 otherwise), 404 for a camera it does not record;
 * connections to one camera share one tap, a joining one gets the init and the fragments since the
 * keyframe at once, the tap goes off with the last, and a camera no longer recorded here ends its streams.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_SIGNATURE_HEADER, signClusterRequest } from '../../src/cluster/cluster-signature.ts';
import { startRecorderLiveServer, type RecorderLiveServer } from '../../src/cluster/live-server.ts';
import { LiveFrameParser, type LiveFrame } from '../../src/cluster/live-wire.ts';
import { initialStatus, type CameraRecordingStatus } from '../../src/recorder/camera-status.ts';
import type { FragmentTap } from '../../src/recorder/recorder.ts';
import type { RecorderView } from '../../src/recorder/recorder-view.ts';

const KEY = randomBytes(32);

class RecorderDouble implements RecorderView {
  readonly held = new Set<string>(['cam-1']);
  readonly tapCalls: { cameraId: string; on: boolean }[] = [];
  taps = new Map<string, FragmentTap>();
  status(): CameraRecordingStatus[] {
    return [...this.held].map((id) => initialStatus(id, new Date()));
  }
  statusOf(cameraId: string): CameraRecordingStatus | undefined {
    return this.held.has(cameraId) ? initialStatus(cameraId, new Date()) : undefined;
  }
  setLiveTap(cameraId: string, tap: FragmentTap | null): void {
    this.tapCalls.push({ cameraId, on: tap !== null });
    if (tap) this.taps.set(cameraId, tap);
    else this.taps.delete(cameraId);
  }
}

interface Opened {
  status: number;
  frames: LiveFrame[];
  ended: Promise<void>;
  close(): void;
}

function open(url: string, path: string, signature: string | undefined): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}${path}`, { headers: signature ? { [CLUSTER_SIGNATURE_HEADER]: signature } : {} }, (response) => {
      const parser = new LiveFrameParser();
      const frames: LiveFrame[] = [];
      response.on('data', (bytes: Buffer) => frames.push(...parser.push(bytes)));
      const ended = new Promise<void>((resolve) => response.on('close', resolve));
      resolve({ status: response.statusCode ?? 0, frames, ended, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe("a recorder's live server", () => {
  let server: RecorderLiveServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses unsigned, expired, wrong-key and other-path requests with 403, and a camera it does not record with 404', async () => {
    const recorder = new RecorderDouble();
    server = await startRecorderLiveServer({ recorder, host: '127.0.0.1', port: 0, key: KEY });
    const path = '/live/cam-1';
    const refusals = [
      await open(server.url, path, undefined),
      await open(server.url, path, 'garbage'),
      await open(server.url, path, signClusterRequest(KEY, 'GET', path, Date.now() - 60_000)),
      await open(server.url, path, signClusterRequest(randomBytes(32), 'GET', path)),
      await open(server.url, path, signClusterRequest(KEY, 'GET', '/live/cam-2')),
      await open(server.url, path, signClusterRequest(KEY, 'POST', path)),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    const notHere = await open(server.url, '/live/cam-2', signClusterRequest(KEY, 'GET', '/live/cam-2'));
    expect(notHere.status).toBe(404);
    expect(recorder.tapCalls).toEqual([]);
    const ok = await open(server.url, path, signClusterRequest(KEY, 'GET', path));
    expect(ok.status).toBe(200);
    ok.close();
  });

  it('shares one tap between connections, gives a joining one the init and the group of pictures, and ends streams of a camera it lost', async () => {
    const recorder = new RecorderDouble();
    server = await startRecorderLiveServer({ recorder, host: '127.0.0.1', port: 0, key: KEY, heartbeatMs: 200 });
    const path = '/live/cam-1';
    const first = await open(server.url, path, signClusterRequest(KEY, 'GET', path));
    await until(() => recorder.taps.has('cam-1'));
    const tap = recorder.taps.get('cam-1')!;
    const bytes = (n: number) => new Uint8Array([n, n, n]);
    tap({ kind: 'init', data: bytes(1), wallMs: 1000, keyframe: false });
    tap({ kind: 'fragment', data: bytes(2), wallMs: 1000, keyframe: false });
    tap({ kind: 'fragment', data: bytes(3), wallMs: 1200, keyframe: true });
    tap({ kind: 'fragment', data: bytes(4), wallMs: 1400, keyframe: false });
    const second = await open(server.url, path, signClusterRequest(KEY, 'GET', path));
    tap({ kind: 'fragment', data: bytes(5), wallMs: 1600, keyframe: false });
    const media = (o: Opened) => o.frames.flatMap((f) => (f.kind === 'heartbeat' ? [] : [f.data[0]]));
    await until(() => media(first).length === 5 && media(second).length === 4);
    expect(media(first)).toEqual([1, 2, 3, 4, 5]);
    expect(media(second)).toEqual([1, 3, 4, 5]);
    expect(recorder.tapCalls).toEqual([{ cameraId: 'cam-1', on: true }]);
    await until(() => second.frames.some((f) => f.kind === 'heartbeat'));

    first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(recorder.tapCalls).toEqual([{ cameraId: 'cam-1', on: true }]);
    recorder.held.delete('cam-1');
    await second.ended;
    await until(() => recorder.tapCalls.length === 2);
    expect(recorder.tapCalls[1]).toEqual({ cameraId: 'cam-1', on: false });
    expect(server.tappedCameras).toEqual([]);
  });
});
