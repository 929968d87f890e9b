/** `gb28181.*`: Custos as a GB/T 28181-2022 platform that devices and lower platforms register to. */
import { z } from 'zod';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const code20 = z.string().regex(/^\d{20}$/, 'a 20-digit GB/T 28181 code (Annex E)');

export const gb28181Config = z
  .strictObject({
    /** Listen for GB/T 28181 devices (SIP over UDP and TCP). */
    enabled: flag.default(false),
    /** The platform's own SIP code (20 digits, type digits 200: central SIP server). */
    sipId: code20.refine((v) => v.slice(10, 13) === '200', 'type digits (11–13) must be 200 (central SIP server)').default('34020000002000000001'),
    /** The SIP domain (10 digits: the first ten of the platform code); the Digest realm. */
    domain: z.string().regex(/^\d{10}$/, 'a 10-digit SIP domain').default('3402000000'),
    /** Address the SIP socket listens on. */
    host: z.string().min(1).default('127.0.0.1'),
    /** SIP port (UDP and TCP); 0 takes a free port (tests). */
    sipPort: z.coerce.number().int().min(0).max(65_535).default(5060),
    /** Address devices send RTP to and reach us at (SDP c=, Via, Contact); defaults to `host`. */
    mediaHost: z.string().min(1).optional(),
    /** Digest password every device uses unless one is set for the device through the API. */
    password: z.string().min(1).optional(),
    /** A device with no keep-alive for this long is offline (GB/T 28181-2022 §9.6: 3 × 60 s). */
    keepaliveTimeoutSec: z.coerce.number().int().min(5).max(86_400).default(180),
    /** The longest registration granted, whatever the device asks for. */
    registerExpiresMaxSec: z.coerce.number().int().min(60).max(86_400).default(3600),
  })
  .superRefine((value, ctx) => {
    if (value.enabled && !value.password) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'gb28181.password is required when gb28181.enabled is true (the Digest password devices register with)' });
    }
    if (value.sipId.slice(0, 10) !== value.domain) {
      ctx.addIssue({ code: 'custom', path: ['domain'], message: 'gb28181.domain must be the first ten digits of gb28181.sipId' });
    }
  })
  .prefault({});

export type Gb28181Config = z.output<typeof gb28181Config>;
