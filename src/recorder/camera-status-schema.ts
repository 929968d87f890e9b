/** CameraRecordingStatus as a zod schema: the status API's answer, and a recorder's report read back in a cluster. */
import { z } from 'zod';

export const cameraRecordingStatusSchema = z.object({
  cameraId: z.string(),
  state: z.enum(['starting', 'online', 'offline', 'error', 'stopped']),
  reason: z.string().nullable(),
  lastError: z.string().nullable(),
  since: z.string(),
  codec: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  fps: z.number(),
  bitrateBps: z.number(),
  lastKeyframeAt: z.string().nullable(),
  framesLost: z.number(),
  packetsLost: z.number(),
  segments: z.number(),
  reconnects: z.number(),
  framesRecorded: z.number(),
  keepAlivesUnanswered: z.number(),
  secondsMissing: z.number(),
  clockDriftMs: z.number().nullable(),
  /** In a cluster: the recorder process that records the camera. */
  nodeId: z.string().optional(),
});
