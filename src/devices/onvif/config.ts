/** `onvif.*`: WS-Discovery and ONVIF device access. */
import { z } from 'zod';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const hostPort = z.string().regex(/^[\w.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'host:port');

export const onvifConfig = z
  .strictObject({
    /** Each SOAP call's time limit. */
    timeoutMs: z.coerce.number().int().min(200).max(60_000).default(5000),
    discovery: z
      .strictObject({
        /** Send the Probe to 239.255.255.250:3702. */
        multicast: flag.default(true),
        /** Local IPv4 address of the interface to probe from; default: the system's choice. */
        interface: z.ipv4().optional(),
        /** Multicast TTL: 1 stays on the local network. */
        ttl: z.coerce.number().int().min(1).max(32).default(1),
        /** Unicast Probe targets (host:port), e.g. devices behind a router that multicast does not cross; a list or comma-separated. */
        targets: z
          .union([z.array(hostPort), z.string().transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))])
          .pipe(z.array(hostPort))
          .default([]),
        /** How long to wait for ProbeMatches. */
        timeoutMs: z.coerce.number().int().min(100).max(30_000).default(3000),
      })
      .prefault({}),
    events: z
      .strictObject({
        /** Pull motion and tamper events from ONVIF cameras that offer them. */
        enabled: flag.default(true),
        /** How long each PullMessages waits on the device. */
        pullSeconds: z.coerce.number().int().min(1).max(60).default(10),
        /** The subscription's lifetime, renewed before it ends. */
        subscriptionSeconds: z.coerce.number().int().min(10).max(3600).default(60),
      })
      .prefault({}),
    /** A PTZ control session ends after this many minutes without a command; the next command opens a new register entry. */
    ptzSessionIdleMinutes: z.coerce.number().int().min(1).max(240).default(5),
  })
  .prefault({});

export type OnvifConfig = z.output<typeof onvifConfig>;

/** host:port → target; IPv6 in brackets. */
export function parseTarget(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  return { host: value.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(value.slice(at + 1)) };
}
