/** `onvif.*`: WS-Discovery and ONVIF device access. */
import { z } from 'zod';

export const onvifConfig = z.strictObject({}).prefault({});
