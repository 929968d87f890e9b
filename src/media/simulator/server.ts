/**
 * The camera simulator: an RTSP/1.0 server that serves N looping cameras at /cam/1 … /cam/N from one
 * H.264 and one H.265 clip, with faults on request.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { VideoCodec } from '../types.ts';
import { Authenticator, type SimulatorAuth } from './auth.ts';
import { makeCamera, type CameraStats, type SimCamera } from './camera.ts';
import { loadClip, type Clip } from './clip.ts';
import { RtspConnection, type ServerContext } from './connection.ts';
import type { Fault } from './faults.ts';
import { Pacer } from './pacer.ts';
import { packetizeClip } from './packetizer.ts';

export interface SimulatorOptions {
  cameras: number;
  /** Annex B files, or clips already loaded. */
  clip: { h264?: string | Clip; h265?: string | Clip };
  /** 'mixed' (default): odd cameras H.264, even H.265; or one codec per camera, in order. */
  codec?: VideoCodec | 'mixed' | VideoCodec[];
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Faults from the start, by camera number. */
  faults?: Record<number, Fault>;
  auth?: SimulatorAuth;
  /** Sent in the Session header; a session without requests or RTCP for this long is closed. Default 60; 0: never. */
  sessionTimeoutS?: number;
  /** Per TCP client; beyond it frames are dropped and counted. Default 2 MiB (≈3 s at 5 Mbit/s). */
  maxBufferedBytes?: number;
  /** Answer SETUP for RTP over UDP (client_port) too. Default true. */
  udp?: boolean;
  fps?: number;
  /** Clock offsets from the start, by camera number, in ms (see setClockOffset). */
  clockOffsetMs?: Record<number, number>;
}

export interface Simulator {
  port: number;
  /** rtsp://host:port/cam/N, N from 1. */
  url(camera: number): string;
  codec(camera: number): VideoCodec;
  /** Sets or clears (null) a camera's fault, for its sessions now and later. */
  setFault(camera: number, fault: Fault | null): void;
  /** Sets how far the camera's clock is off (ms, + ahead): its next sender reports carry the skewed NTP time. */
  setClockOffset(camera: number, offsetMs: number): void;
  /**
   * Serves another clip (same codec) from now on, e.g. a tampered one: playing sessions carry on with
   * continuous sequence numbers and timestamps, from the new clip's first keyframe.
   */
  setClip(camera: number, clip: Clip): void;
  stats(camera: number): CameraStats;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  if (!Number.isInteger(options.cameras) || options.cameras < 1) throw new Error('cameras must be a positive integer');
  const clips = await loadClips(options);
  const cameras: SimCamera[] = [];
  const packetized = new Map<VideoCodec, ReturnType<typeof packetizeClip>>();
  for (let n = 1; n <= options.cameras; n++) {
    const codec = codecOf(options, n, clips);
    const clip = clips[codec]!;
    if (!packetized.has(codec)) packetized.set(codec, packetizeClip(clip));
    const camera = makeCamera(n, clip, packetized.get(codec));
    camera.fault = options.faults?.[n] ?? null;
    camera.clockOffsetMs = options.clockOffsetMs?.[n] ?? 0;
    cameras.push(camera);
  }
  const host = options.host ?? '127.0.0.1';
  const pacer = new Pacer();
  const udp = options.udp === false ? undefined : await bindUdpPair(host);
  const ctx: ServerContext = {
    camera: (n) => cameras[n - 1],
    auth: options.auth ? new Authenticator(options.auth) : undefined,
    pacer,
    udp,
    sessionTimeoutS: options.sessionTimeoutS ?? 60,
    maxBufferedBytes: options.maxBufferedBytes ?? 2 * 1024 * 1024,
  };
  const connections = new Set<RtspConnection>();
  const server = createServer((socket: Socket) => {
    const connection = new RtspConnection(socket, ctx);
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const cameraAt = (n: number): SimCamera => {
    const camera = cameras[n - 1];
    if (!camera) throw new RangeError(`no camera ${n}: cameras are 1…${cameras.length}`);
    return camera;
  };
  return {
    port,
    url: (n) => `rtsp://${urlHost}:${port}/cam/${cameraAt(n).number}`,
    codec: (n) => cameraAt(n).codec,
    setFault: (n, fault) => {
      cameraAt(n).fault = fault;
    },
    setClockOffset: (n, offsetMs) => {
      cameraAt(n).clockOffsetMs = offsetMs;
    },
    setClip: (n, clip) => {
      const camera = cameraAt(n);
      if (clip.codec !== camera.codec) throw new Error(`camera ${n} is ${camera.codec}; the clip is ${clip.codec}`);
      camera.frames = packetizeClip(clip);
      camera.clip = clip;
      camera.clipEpoch++;
    },
    stats: (n) => {
      const stats = cameraAt(n).stats;
      return { ...stats, dropSpans: stats.dropSpans.map((span) => ({ ...span })) };
    },
    close: async () => {
      pacer.stop();
      for (const connection of connections) connection.close();
      udp?.rtp.close();
      udp?.rtcp.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function loadClips(options: SimulatorOptions): Promise<Partial<Record<VideoCodec, Clip>>> {
  const out: Partial<Record<VideoCodec, Clip>> = {};
  for (const codec of ['h264', 'h265'] as const) {
    const source = options.clip[codec];
    if (source !== undefined) out[codec] = typeof source === 'string' ? await loadClip(source, codec, options.fps) : source;
  }
  return out;
}

function codecOf(options: SimulatorOptions, n: number, clips: Partial<Record<VideoCodec, Clip>>): VideoCodec {
  const wanted = options.codec ?? 'mixed';
  let codec: VideoCodec;
  if (Array.isArray(wanted)) codec = wanted[n - 1] ?? wanted[wanted.length - 1] ?? 'h264';
  else if (wanted === 'mixed') codec = n % 2 === 1 ? 'h264' : 'h265';
  else codec = wanted;
  if (clips[codec]) return codec;
  // Mixed with a single clip: every camera plays the clip there is.
  if (wanted === 'mixed' && (clips.h264 || clips.h265)) return clips.h264 ? 'h264' : 'h265';
  throw new Error(`camera ${n} is ${codec} but no ${codec} clip was given`);
}

/** Two UDP sockets for RTP and RTCP, on consecutive ports where the system allows. */
async function bindUdpPair(host: string): Promise<{ rtp: UdpSocket; rtcp: UdpSocket; ports: [number, number] }> {
  const type = host.includes(':') ? 'udp6' : 'udp4';
  const bind = (socket: UdpSocket, port: number) =>
    new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(port, host, () => resolve(true));
    });
  for (let attempt = 0; attempt < 8; attempt++) {
    const rtp = createSocket(type);
    if (!(await bind(rtp, 0))) throw new Error(`cannot bind UDP on ${host}`);
    const rtcp = createSocket(type);
    if (await bind(rtcp, rtp.address().port + 1)) return finish(rtp, rtcp);
    rtp.close();
  }
  const rtp = createSocket(type);
  const rtcp = createSocket(type);
  await bind(rtp, 0);
  await bind(rtcp, 0);
  return finish(rtp, rtcp);
}

function finish(rtp: UdpSocket, rtcp: UdpSocket): { rtp: UdpSocket; rtcp: UdpSocket; ports: [number, number] } {
  // Receiver reports and NAT punches from clients are not needed; drain them.
  rtp.on('message', () => undefined);
  rtcp.on('message', () => undefined);
  rtp.on('error', () => undefined);
  rtcp.on('error', () => undefined);
  return { rtp, rtcp, ports: [rtp.address().port, rtcp.address().port] };
}
