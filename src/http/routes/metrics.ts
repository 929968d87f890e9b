/** Prometheus metrics: the process (event-loop lag included) and each camera's recording. */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { RecorderService } from '../../recorder/recorder-service.ts';
import { SIGNED_IN } from '../../access/route-access.ts';

export function metricsRoutes(app: FastifyInstance, recorder: RecorderService | undefined): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const labelNames = ['camera'] as const;
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames, registers: [registry] });
  const up = gauge('custos_camera_recording_up', '1 while the camera is online and recording');
  const fps = gauge('custos_camera_fps', 'Frames per second received');
  const bitrate = gauge('custos_camera_bitrate_bps', 'Bits per second received');
  const framesLost = gauge('custos_camera_frames_lost', 'Frames lost since the recorder started');
  const packetsLost = gauge('custos_camera_packets_lost', 'RTP packets lost since the recorder started');
  const segments = gauge('custos_camera_segments_written', 'Segments written since the recorder started');
  const reconnects = gauge('custos_camera_reconnects', 'Reconnections since the recorder started');

  app.get('/metrics', { config: { access: SIGNED_IN }, schema: { hide: true } }, async (_request, reply) => {
    for (const g of [up, fps, bitrate, framesLost, packetsLost, segments, reconnects]) g.reset();
    for (const s of recorder?.status() ?? []) {
      const camera = { camera: s.cameraId };
      up.set(camera, s.state === 'online' ? 1 : 0);
      fps.set(camera, s.fps);
      bitrate.set(camera, s.bitrateBps);
      framesLost.set(camera, s.framesLost);
      packetsLost.set(camera, s.packetsLost);
      segments.set(camera, s.segments);
      reconnects.set(camera, s.reconnects);
    }
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
}
