/** `gb28181.*`: Custos as a GB/T 28181-2022 platform that devices and lower platforms register to. */
import { z } from 'zod';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const gb28181Config = z
  .strictObject({
    /** Listen for GB/T 28181 devices (SIP over UDP and TCP). */
    enabled: flag.default(false),
  })
  .prefault({});
