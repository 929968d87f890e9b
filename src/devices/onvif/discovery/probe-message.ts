/**
 * WS-Discovery (2005/04, as ONVIF devices speak it) messages: the Probe for dn:NetworkVideoTransmitter,
 * the ProbeMatches a device answers with (read with the strict XML reader; anything malformed is an
 * OnvifError E_ONVIF_RESPONSE), and the ONVIF scopes (name, hardware, location) of a match.
 */
import { OnvifError } from '../soap/errors.ts';
import { childrenNamed, findElement, parseEnvelope, text } from '../soap/response.ts';
import { escapeXml } from '../soap/envelope.ts';

export const WSD = {
  discovery: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  addressing: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  probeAction: 'http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe',
  matchesAction: 'http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches',
  to: 'urn:schemas-xmlsoap-org:ws:2005:04:discovery',
  anonymous: 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous',
  networkWsdl: 'http://www.onvif.org/ver10/network/wsdl',
} as const;

export const MULTICAST_ADDRESS = '239.255.255.250';
export const DISCOVERY_PORT = 3702;

export interface ProbeMatch {
  /** The endpoint reference address (urn:uuid:…): one device, whatever address it answers from. */
  endpoint: string;
  relatesTo: string | null;
  types: string[];
  scopes: string[];
  xaddrs: string[];
  metadataVersion: number | null;
}

export function probeMessage(messageId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="${WSD.addressing}" xmlns:d="${WSD.discovery}" xmlns:dn="${WSD.networkWsdl}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${WSD.probeAction}</a:Action><a:MessageID>${escapeXml(messageId)}</a:MessageID>` +
    `<a:ReplyTo><a:Address>${WSD.anonymous}</a:Address></a:ReplyTo><a:To s:mustUnderstand="1">${WSD.to}</a:To></s:Header>` +
    `<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>`
  );
}

const list = (value: string | null, max: number) => (value ?? '').split(/\s+/).filter(Boolean).slice(0, max).map((v) => v.slice(0, 512));

/** The matches of a ProbeMatches message (a device may send several in one). */
export function parseProbeMatches(xml: string): ProbeMatch[] {
  const { root, body } = parseEnvelope(xml);
  const matches = findElement(body, 'ProbeMatches');
  if (!matches) throw new OnvifError('E_ONVIF_RESPONSE', 'no ProbeMatches in the Body');
  const header = childrenNamed(root, 'Header')[0];
  const relates = header ? text(header, 'RelatesTo')?.slice(0, 256) ?? null : null;
  return childrenNamed(matches, 'ProbeMatch')
    .slice(0, 16)
    .map((match) => {
      const reference = findElement(match, 'EndpointReference');
      const endpoint = text(reference, 'Address');
      if (!endpoint) throw new OnvifError('E_ONVIF_RESPONSE', 'a ProbeMatch without an endpoint reference');
      const version = Number(text(match, 'MetadataVersion'));
      return {
        endpoint: endpoint.slice(0, 256),
        relatesTo: relates,
        types: list(text(match, 'Types'), 16),
        scopes: list(text(match, 'Scopes'), 64),
        xaddrs: list(text(match, 'XAddrs'), 8).filter((x) => /^https?:\/\//i.test(x)),
        metadataVersion: Number.isFinite(version) ? version : null,
      };
    });
}

export interface OnvifScopes {
  name: string | null;
  hardware: string | null;
  location: string | null;
}

/** onvif://www.onvif.org/name/…, /hardware/…, /location/… (percent-decoded; the first of each). */
export function readScopes(scopes: string[]): OnvifScopes {
  const out: OnvifScopes = { name: null, hardware: null, location: null };
  for (const scope of scopes) {
    const m = /^onvif:\/\/www\.onvif\.org\/(name|hardware|location)\/(.+)$/i.exec(scope);
    const key = m?.[1]?.toLowerCase() as keyof OnvifScopes | undefined;
    if (!m || !key || out[key] !== null) continue;
    let value = m[2] ?? '';
    try {
      value = decodeURIComponent(value);
    } catch {
      // kept as sent
    }
    out[key] = value.replace(/_/g, ' ').slice(0, 128);
  }
  return out;
}
