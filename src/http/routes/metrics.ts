/** Prometheus metrics: the process (event-loop lag included) and the recording of each camera within the caller's reach. */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { RecorderView } from '../../recorder/recorder-view.ts';
import type { CameraRecordingStatus } from '../../recorder/camera-status.ts';
import { SIGNED_IN } from '../../access/route-access.ts';
import type { Db } from '../../db/connect.ts';
import type { ObjectGate } from '../../registry/services/context.ts';
import { cameraFilterFor } from '../../recording/status-reach.ts';
import { principalOf } from '../principal-of.ts';
import { StatusCountTotal } from '../../recorder/status-count-total.ts';

/** Counters kept across scrapes, over every camera: each caller sees the same totals for the cameras it may see. */
interface CameraTotals {
  secondsMissing: StatusCountTotal;
  keepAlivesUnanswered: StatusCountTotal;
}

/** The camera gauges of one answer, in a registry of their own: concurrent callers see different cameras. */
function cameraRegistry(statuses: readonly CameraRecordingStatus[], totals: CameraTotals): Registry {
  const registry = new Registry();
  const labelNames = ['camera'] as const;
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames, registers: [registry] });
  const up = gauge('custos_camera_recording_up', '1 while the camera is online and recording');
  const fps = gauge('custos_camera_fps', 'Frames per second received');
  const bitrate = gauge('custos_camera_bitrate_bps', 'Bits per second received');
  const framesLost = gauge('custos_camera_frames_lost', 'Frames lost since the recorder started');
  const packetsLost = gauge('custos_camera_packets_lost', 'RTP packets lost since the recorder started');
  const segments = gauge('custos_camera_segments_written', 'Segments written since the recorder started');
  const reconnects = gauge('custos_camera_reconnects', 'Reconnections since the recorder started');
  const secondsMissing = new Counter({
    name: 'custos_recording_seconds_missing_total',
    help: 'Seconds of the camera not recorded (offline, reconnecting, suspended, frames skipped to a keyframe)',
    labelNames,
    registers: [registry],
  });
  const keepAlivesUnanswered = new Counter({
    name: 'custos_camera_keepalives_unanswered_total',
    help: 'RTSP keep-alives the camera left unanswered while its media kept coming (its RTSP side busy or deaf)',
    labelNames,
    registers: [registry],
  });
  for (const s of statuses) {
    const camera = { camera: s.cameraId };
    up.set(camera, s.state === 'online' ? 1 : 0);
    fps.set(camera, s.fps);
    bitrate.set(camera, s.bitrateBps);
    framesLost.set(camera, s.framesLost);
    packetsLost.set(camera, s.packetsLost);
    segments.set(camera, s.segments);
    reconnects.set(camera, s.reconnects);
    secondsMissing.inc(camera, totals.secondsMissing.totalOf(s.cameraId));
    keepAlivesUnanswered.inc(camera, totals.keepAlivesUnanswered.totalOf(s.cameraId));
  }
  return registry;
}

export function metricsRoutes(app: FastifyInstance, deps: { recorder: RecorderView | undefined; db: Db; gate: ObjectGate }): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const totals: CameraTotals = { secondsMissing: new StatusCountTotal((s) => s.secondsMissing), keepAlivesUnanswered: new StatusCountTotal((s) => s.keepAlivesUnanswered) };

  app.get('/metrics', { config: { access: SIGNED_IN }, schema: { hide: true } }, async (request, reply) => {
    const visible = await cameraFilterFor(deps.db, deps.gate, principalOf(request));
    const statuses = deps.recorder?.status() ?? [];
    totals.secondsMissing.observe(statuses);
    totals.keepAlivesUnanswered.observe(statuses);
    const cameras = cameraRegistry(await visible(statuses), totals);
    return reply.header('content-type', registry.contentType).send(await Registry.merge([registry, cameras]).metrics());
  });
}
