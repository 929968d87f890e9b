/**
 * Sends a WS-Discovery Probe to the multicast group (on a chosen interface, with a chosen TTL) and to
 * unicast targets, and collects the ProbeMatches that answer it (RelatesTo our MessageID) until the
 * timeout, de-duplicated by endpoint reference (addresses merged). A machine that refuses multicast
 * is reported (`multicast: 'refused'`), not an error: the unicast targets are still probed.
 */
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { OnvifError } from '../soap/errors.ts';
import { DISCOVERY_PORT, MULTICAST_ADDRESS, parseProbeMatches, probeMessage, type ProbeMatch } from './probe-message.ts';

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeOptions {
  multicast: boolean;
  /** Local IPv4 address of the interface to send multicast from (default: the system's choice). */
  interfaceAddress?: string | undefined;
  /** Multicast TTL (default 1: the local network). */
  ttl?: number | undefined;
  targets: ProbeTarget[];
  timeoutMs: number;
  /** The multicast group and port (tests may use another group). */
  group?: ProbeTarget | undefined;
}

export interface ProbeResult {
  matches: (ProbeMatch & { from: string })[];
  multicast: 'sent' | 'refused' | 'off';
  multicastError: string | null;
  /** Datagrams that were not a ProbeMatches answering us. */
  ignored: number;
}

const MAX_DEVICES = 1024;

export async function probe(options: ProbeOptions): Promise<ProbeResult> {
  const messageId = `urn:uuid:${randomUUID()}`;
  const message = Buffer.from(probeMessage(messageId), 'utf8');
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const byEndpoint = new Map<string, ProbeMatch & { from: string }>();
  let ignored = 0;
  socket.on('message', (datagram, rinfo) => {
    let matches: ProbeMatch[];
    try {
      matches = parseProbeMatches(datagram.toString('utf8'));
    } catch (error) {
      if (!(error instanceof OnvifError)) throw error;
      ignored++;
      return;
    }
    for (const match of matches) {
      if (match.relatesTo !== null && match.relatesTo !== messageId) {
        ignored++;
        continue;
      }
      const known = byEndpoint.get(match.endpoint);
      if (known) known.xaddrs = [...new Set([...known.xaddrs, ...match.xaddrs])];
      else if (byEndpoint.size < MAX_DEVICES) byEndpoint.set(match.endpoint, { ...match, from: rinfo.address });
    }
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ port: 0, ...(options.interfaceAddress ? { address: options.interfaceAddress } : {}) }, () => {
      socket.off('error', reject);
      resolve();
    });
  });

  const send = (host: string, port: number) =>
    new Promise<void>((resolve, reject) => socket.send(message, port, host, (error) => (error ? reject(error) : resolve())));

  let multicast: ProbeResult['multicast'] = 'off';
  let multicastError: string | null = null;
  if (options.multicast) {
    try {
      socket.setMulticastTTL(options.ttl ?? 1);
      if (options.interfaceAddress) socket.setMulticastInterface(options.interfaceAddress);
      await send(options.group?.host ?? MULTICAST_ADDRESS, options.group?.port ?? DISCOVERY_PORT);
      multicast = 'sent';
    } catch (error) {
      multicast = 'refused';
      multicastError = error instanceof Error ? error.message : String(error);
    }
  }
  for (const target of options.targets) {
    try {
      await send(target.host, target.port);
    } catch {
      // an unreachable target answers nothing; the others still count
    }
  }
  await new Promise((resolve) => setTimeout(resolve, options.timeoutMs));
  socket.close();
  return { matches: [...byEndpoint.values()], multicast, multicastError, ignored };
}
