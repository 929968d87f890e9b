/** The device identity check on demand (art. 23(2), 23(3)): who the device on a camera's address says it is. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app/services.ts';
import { needs } from '../../access/route-access.ts';
import { principalOf } from '../principal-of.ts';
import { idParams } from './crud.ts';

const fields = { manufacturer: z.string().nullable(), model: z.string().nullable(), serialNumber: z.string().nullable() };

export const identityCheckResult = z.object({
  cameraId: z.string(),
  checkedAt: z.string(),
  outcome: z.enum(['MATCH', 'DEVICE_SWAPPED', 'UNKNOWN_DEVICE', 'NOT_REGISTERED', 'NO_ADDRESS', 'UNREACHABLE']),
  registry: z.object(fields),
  device: z.object({ manufacturer: z.string(), model: z.string(), serialNumber: z.string(), firmwareVersion: z.string().nullable(), hardwareId: z.string().nullable() }).nullable(),
  mismatches: z.array(z.enum(['manufacturer', 'model', 'serialNumber'])),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export function deviceIdentityRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/cameras/:id/identity-check',
    {
      config: { access: needs('CONFIG') },
      schema: {
        tags: ['registry'],
        summary: 'ask the device on the camera’s address who it is (ONVIF GetDeviceInformation) and hold it against the registry: another serial raises DEVICE_SWAPPED, another maker or model UNKNOWN_DEVICE; CONFIG on the camera',
        params: idParams,
        response: { 200: identityCheckResult },
      },
    },
    async (request) => services.identity.check(request.params.id, principalOf(request)),
  );
}
