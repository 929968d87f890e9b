/**
 * The ONVIF responder simulator: an HTTP SOAP server answering the Device, Media, PTZ and Events
 * calls Custos makes, with a configurable identity and credentials (checked: WS-Security digest,
 * HTTP Digest, or either), profiles whose stream URIs point to RTSP simulator cameras, a PTZ that
 * remembers, and pull points that deliver motion and tamper events when told to.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimAuth, type SimAuthMode } from './auth.ts';
import { SimFault, type Handler, type SimContext } from './context.ts';
import { deviceHandlers } from './device-handlers.ts';
import { deliver, eventHandlers } from './event-handlers.ts';
import { mediaHandlers } from './media-handlers.ts';
import { ptzHandlers, settle } from './ptz-handlers.ts';
import { answer, fault, readRequest } from './soap-io.ts';
import { DEFAULT_IDENTITY, zero, type SimIdentity, type SimProfile, type SimPtz } from './state.ts';

export interface OnvifResponderOptions {
  identity?: Partial<SimIdentity>;
  credential: { username: string; password: string };
  authMode?: SimAuthMode;
  /** Main stream first, then substreams. */
  profiles: SimProfile[];
  /** How far the device's clock is ahead of the machine's (ms). */
  clockOffsetMs?: number;
  host?: string;
  port?: number;
}

export interface OnvifResponder {
  port: number;
  host: string;
  /** http://host:port/onvif/device_service */
  deviceUrl: string;
  identity: SimIdentity;
  ptz: SimPtz;
  /** Counts by operation. */
  calls: Map<string, number>;
  setClockOffset(ms: number): void;
  /** The next call of `operation` answers this fault. */
  failNext(operation: string, subcode: string): void;
  /** Motion (CellMotionDetector) or tamper (TamperDetector) starting (true) or ending (false). */
  emit(kind: 'motion' | 'tamper', active: boolean): void;
  pullPointCount(): number;
  /** Forgets every subscription, as a device does when it restarts. */
  dropSubscriptions(): void;
  close(): Promise<void>;
}

const SERVICES: Record<string, Record<string, Handler>> = {
  device_service: deviceHandlers,
  media_service: mediaHandlers,
  ptz_service: ptzHandlers,
  events_service: { CreatePullPointSubscription: eventHandlers.CreatePullPointSubscription as Handler },
  pullpoint: { PullMessages: eventHandlers.PullMessages as Handler, Renew: eventHandlers.Renew as Handler, Unsubscribe: eventHandlers.Unsubscribe as Handler },
};
const UNSIGNED = new Set(['GetSystemDateAndTime']);
const MAX_REQUEST = 64 * 1024;

export async function startOnvifResponder(options: OnvifResponderOptions): Promise<OnvifResponder> {
  const host = options.host ?? '127.0.0.1';
  let offset = options.clockOffsetMs ?? 0;
  const auth = new SimAuth(options.credential, options.authMode ?? 'either');
  const faults = new Map<string, string>();
  const calls = new Map<string, number>();
  const ctx: SimContext = {
    identity: { ...DEFAULT_IDENTITY, ...options.identity },
    profiles: options.profiles,
    ptz: { position: zero(), velocity: zero(), movingSince: null, moves: [], presets: new Map() },
    pullPoints: new Map(),
    base: '',
    host,
    deviceNow: () => Date.now() + offset,
  };

  const handle = async (req: http.IncomingMessage, body: string): Promise<{ status: number; xml: string; headers?: Record<string, string> }> => {
    const service = /^\/onvif\/(device_service|media_service|ptz_service|events_service|pullpoint)(?:\/[\w-]+)?$/.exec(req.url ?? '')?.[1];
    const request = readRequest(body);
    if (req.method !== 'POST' || !service || !request) return { status: 400, xml: fault('Sender', 'ter:InvalidArgs', 'Not a SOAP request for this device') };
    const name = request.operation.name;
    const handler = SERVICES[service]?.[name];
    if (!handler) return { status: 400, xml: fault('Sender', 'ter:ActionNotSupported', `${name} is not supported here`) };
    if (!UNSIGNED.has(name)) {
      const byDigest = req.headers.authorization ? auth.http.verify('POST', req.headers.authorization) : false;
      const byToken = auth.mode === 'http-digest' ? 'absent' : auth.wsse(request.header, ctx.deviceNow());
      const ok = byToken === 'ok' || (auth.mode !== 'wsse' && byDigest);
      if (!ok) {
        if (auth.mode !== 'wsse' && byToken === 'absent') return { status: 401, xml: fault('Sender', 'ter:NotAuthorized', 'Authentication required'), headers: { 'www-authenticate': auth.http.challenge() } };
        return { status: 400, xml: fault('Sender', 'ter:NotAuthorized', 'Sender not authorized') };
      }
    }
    calls.set(name, (calls.get(name) ?? 0) + 1);
    const forced = faults.get(name);
    if (forced) {
      faults.delete(name);
      return { status: 500, xml: fault('Receiver', forced, 'Fault on request') };
    }
    try {
      return { status: 200, xml: answer(await handler(ctx, request.operation, req.url ?? '')) };
    } catch (error) {
      if (error instanceof SimFault) return { status: 400, xml: fault('Sender', error.subcode, error.reason) };
      throw error;
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      void handle(req, Buffer.concat(chunks).toString('utf8'))
        .then(({ status, xml, headers }) => res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8', ...headers }).end(xml))
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  ctx.base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    port,
    host,
    deviceUrl: `${ctx.base}/onvif/device_service`,
    get identity() {
      return ctx.identity;
    },
    set identity(next) {
      ctx.identity = next;
    },
    get ptz() {
      settle(ctx);
      return ctx.ptz;
    },
    calls,
    setClockOffset: (ms) => (offset = ms),
    failNext: (operation, subcode) => faults.set(operation, subcode),
    emit: (kind, active) =>
      deliver(ctx, {
        topic: kind === 'motion' ? 'RuleEngine/CellMotionDetector/Motion' : 'RuleEngine/TamperDetector/Tamper',
        utcTime: new Date(ctx.deviceNow()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        operation: 'Changed',
        source: { VideoSourceConfigurationToken: 'vsc-0', VideoAnalyticsConfigurationToken: 'vac-0', Rule: kind === 'motion' ? 'MyMotionDetectorRule' : 'MyTamperDetectorRule' },
        data: kind === 'motion' ? { IsMotion: String(active) } : { IsTamper: String(active) },
      }),
    pullPointCount: () => ctx.pullPoints.size,
    dropSubscriptions: () => {
      const points = [...ctx.pullPoints.values()];
      ctx.pullPoints.clear();
      for (const point of points) for (const wake of point.waiters.splice(0)) wake();
    },
    close: () =>
      new Promise((resolve) => {
        for (const point of ctx.pullPoints.values()) for (const wake of point.waiters.splice(0)) wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
