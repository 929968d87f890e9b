/** `cascade.*`: Custos registering upward to superior platforms (the public security organ's platform). */
import { z } from 'zod';

export const cascadeConfig = z
  .strictObject({
    upward: z.array(z.strictObject({ name: z.string().min(1) })).default([]),
  })
  .prefault({});
