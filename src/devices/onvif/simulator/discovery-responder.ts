/**
 * The simulator's WS-Discovery side: answers a Probe for NetworkVideoTransmitter (or any Probe
 * without Types) with a ProbeMatch carrying its endpoint reference, scopes and device service
 * address. Listens on its own UDP port (unicast probes), and joins the multicast group on 3702 when
 * asked and the machine allows (`multicast` says whether it did).
 */
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { childrenNamed, findElement, parseXml, textOf, XmlError, type XmlElement } from '../soap/xml.ts';
import { esc } from './soap-io.ts';
import { DISCOVERY_PORT, MULTICAST_ADDRESS, WSD } from '../discovery/probe-message.ts';

export interface DiscoveryResponderOptions {
  deviceUrl: () => string;
  scopes: { name: string; hardware: string; location: string };
  endpoint?: string;
  host?: string;
  /** 0: any free port. */
  port?: number;
  /** Also listen on 239.255.255.250:3702. */
  joinMulticast?: boolean;
}

export interface DiscoveryResponder {
  port: number;
  endpoint: string;
  multicast: 'joined' | 'refused' | 'off';
  probes: number;
  close(): Promise<void>;
}

const scope = (kind: string, value: string) => `onvif://www.onvif.org/${kind}/${encodeURIComponent(value).replace(/%20/g, '_')}`;

function probeId(xml: string): string | undefined {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) return undefined;
    throw error;
  }
  const header = childrenNamed(root, 'Header')[0];
  const body = childrenNamed(root, 'Body')[0];
  const probe = body ? findElement(body, 'Probe') : undefined;
  const id = header ? findElement(header, 'MessageID') : undefined;
  if (!probe || !id) return undefined;
  const types = findElement(probe, 'Types');
  if (types && !/NetworkVideoTransmitter/.test(textOf(types))) return undefined;
  return textOf(id).trim();
}

export async function startDiscoveryResponder(options: DiscoveryResponderOptions): Promise<DiscoveryResponder> {
  const endpoint = options.endpoint ?? `urn:uuid:${randomUUID()}`;
  const state = { probes: 0 };
  const matches = (relatesTo: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="${WSD.addressing}" xmlns:d="${WSD.discovery}" xmlns:dn="${WSD.networkWsdl}">` +
    `<s:Header><a:MessageID>urn:uuid:${randomUUID()}</a:MessageID><a:RelatesTo>${esc(relatesTo)}</a:RelatesTo><a:To>${WSD.anonymous}</a:To><a:Action>${WSD.matchesAction}</a:Action></s:Header>` +
    `<s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>${endpoint}</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>` +
    `<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming ${scope('name', options.scopes.name)} ${scope('hardware', options.scopes.hardware)} ${scope('location', options.scopes.location)}</d:Scopes>` +
    `<d:XAddrs>${esc(options.deviceUrl())}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`;

  const answer = (socket: Socket) => (datagram: Buffer, rinfo: { address: string; port: number }) => {
    const id = probeId(datagram.toString('utf8'));
    if (!id) return;
    state.probes++;
    socket.send(Buffer.from(matches(id)), rinfo.port, rinfo.address);
  };

  const unicast = createSocket('udp4');
  unicast.on('message', answer(unicast));
  unicast.on('error', () => undefined);
  await new Promise<void>((resolve) => unicast.bind(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve()));

  let group: Socket | undefined;
  let multicast: DiscoveryResponder['multicast'] = 'off';
  if (options.joinMulticast) {
    try {
      const socket = createSocket({ type: 'udp4', reuseAddr: true });
      socket.on('message', answer(socket));
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(DISCOVERY_PORT, () => resolve());
      });
      socket.on('error', () => undefined);
      socket.addMembership(MULTICAST_ADDRESS);
      group = socket;
      multicast = 'joined';
    } catch {
      multicast = 'refused';
    }
  }

  return {
    port: (unicast.address() as { port: number }).port,
    endpoint,
    multicast,
    get probes() {
      return state.probes;
    },
    close: async () => {
      await new Promise<void>((resolve) => unicast.close(() => resolve()));
      if (group) await new Promise<void>((resolve) => group.close(() => resolve()));
    },
  };
}
