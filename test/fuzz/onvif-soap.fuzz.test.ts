/**
 * The ONVIF SOAP answer readers and the WS-Discovery ProbeMatch reader under random and mutated
 * input (fast-check, seeded): they return what the document said or throw an OnvifError with a stable
 * code, never anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProbeMatches } from '../../src/devices/onvif/discovery/probe-message.ts';
import { parseCapabilities, parseNetworkInterfaces, parseSystemDateAndTime } from '../../src/devices/onvif/parse/device.ts';
import { parsePullMessages, parsePullPoint } from '../../src/devices/onvif/parse/events.ts';
import { parseMediaUri, parseProfiles } from '../../src/devices/onvif/parse/media.ts';
import { parsePresets } from '../../src/devices/onvif/parse/ptz.ts';
import { OnvifError } from '../../src/devices/onvif/soap/errors.ts';

const ENV = (body: string, header = '') =>
  `<?xml version="1.0"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="x" xmlns:trt="y" xmlns:tev="z" xmlns:wsnt="w" xmlns:wsa="a" xmlns:d="d">${header ? `<env:Header>${header}</env:Header>` : ''}<env:Body>${body}</env:Body></env:Envelope>`;

const SAMPLES: [string, (xml: string) => unknown][] = [
  [ENV('<trt:GetProfilesResponse><trt:Profiles token="main"><tt:Name>Main</tt:Name><tt:VideoEncoderConfiguration><tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit></tt:RateControl></tt:VideoEncoderConfiguration><tt:PTZConfiguration token="p"/></trt:Profiles></trt:GetProfilesResponse>'), parseProfiles],
  [ENV('<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>rtsp://10.0.0.5:554/Streaming/101</tt:Uri></trt:MediaUri></trt:GetStreamUriResponse>'), (x) => parseMediaUri(x, 'GetStreamUriResponse')],
  [ENV('<tds:GetSystemDateAndTimeResponse xmlns:tds="t"><tds:SystemDateAndTime><tt:UTCDateTime><tt:Date><tt:Year>2026</tt:Year><tt:Month>12</tt:Month><tt:Day>4</tt:Day></tt:Date><tt:Time><tt:Hour>1</tt:Hour><tt:Minute>2</tt:Minute><tt:Second>3</tt:Second></tt:Time></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'), parseSystemDateAndTime],
  [ENV('<tds:GetCapabilitiesResponse xmlns:tds="t"><tds:Capabilities><tt:Media><tt:XAddr>http://h/onvif/media</tt:XAddr></tt:Media><tt:PTZ><tt:XAddr>http://h/ptz</tt:XAddr></tt:PTZ></tds:Capabilities></tds:GetCapabilitiesResponse>'), parseCapabilities],
  [ENV('<tds:GetNetworkInterfacesResponse xmlns:tds="t"><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled><tt:Info><tt:HwAddress>AA-BB-CC-00-11-22</tt:HwAddress></tt:Info><tt:IPv4><tt:Config><tt:Manual><tt:Address>10.0.0.5</tt:Address></tt:Manual></tt:Config></tt:IPv4></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>'), parseNetworkInterfaces],
  [ENV('<tptz:GetPresetsResponse xmlns:tptz="p"><tptz:Preset token="1"><tt:Name>Door</tt:Name></tptz:Preset></tptz:GetPresetsResponse>'), parsePresets],
  [ENV('<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><wsa:Address>http://h/pp/1</wsa:Address></tev:SubscriptionReference></tev:CreatePullPointSubscriptionResponse>'), parsePullPoint],
  [ENV('<tev:PullMessagesResponse><wsnt:NotificationMessage><wsnt:Topic>tns1:RuleEngine/CellMotionDetector/Motion</wsnt:Topic><wsnt:Message><tt:Message UtcTime="2026-12-04T00:00:00Z" PropertyOperation="Changed"><tt:Source><tt:SimpleItem Name="Rule" Value="r"/></tt:Source><tt:Data><tt:SimpleItem Name="IsMotion" Value="true"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage></tev:PullMessagesResponse>'), parsePullMessages],
];

const PROBE_MATCHES = ENV(
  '<d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:uuid:1</wsa:Address></wsa:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/name/Cam onvif://www.onvif.org/location/A%20B</d:Scopes><d:XAddrs>http://10.0.0.5/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches>',
  '<wsa:RelatesTo>urn:uuid:probe</wsa:RelatesTo>',
);

function readsOrRefuses(read: (xml: string) => unknown, xml: string): void {
  try {
    read(xml);
  } catch (error) {
    if (!(error instanceof OnvifError)) throw error;
    expect(error.code).toMatch(/^E_ONVIF_(RESPONSE|FAULT|AUTH)$/);
  }
}

const xmlish = fc.string({ unit: fc.constantFrom('<', '>', '/', '=', '"', "'", '&', ';', '#', ':', ' ', '!', '?', '[', ']', '-', 'a', 'Body', 'Envelope', 'Fault', 'Subcode', 'Value', 'Profiles', 'token', 'ProbeMatch', 'Address', 'SimpleItem', 'CDATA', 'amp', '\u0000', '\uFEFF'), maxLength: 300 });

function mutations(valid: string) {
  return fc.oneof(
    fc.nat(valid.length).map((n) => valid.slice(0, n)),
    fc.tuple(fc.nat(valid.length), fc.nat(valid.length)).map(([a, b]) => valid.slice(0, Math.min(a, b)) + valid.slice(Math.max(a, b))),
    fc.tuple(fc.nat(valid.length), xmlish).map(([n, s]) => valid.slice(0, n) + s + valid.slice(n)),
    fc.tuple(fc.nat(valid.length), fc.nat(40), fc.nat(valid.length)).map(([from, length, to]) => valid.slice(0, to) + valid.slice(from, from + length) + valid.slice(to)),
  );
}

describe('ONVIF SOAP and WS-Discovery readers under random input (seeded)', () => {
  it('read the valid samples', () => {
    for (const [xml, read] of SAMPLES) expect(() => read(xml)).not.toThrow();
    expect(parseProbeMatches(PROBE_MATCHES)).toEqual([{ endpoint: 'urn:uuid:1', relatesTo: 'urn:uuid:probe', types: ['dn:NetworkVideoTransmitter'], scopes: ['onvif://www.onvif.org/name/Cam', 'onvif://www.onvif.org/location/A%20B'], xaddrs: ['http://10.0.0.5/onvif/device_service'], metadataVersion: 1 }]);
    expect(parseNetworkInterfaces(SAMPLES[4]![0])[0]?.mac).toBe('aa:bb:cc:00:11:22');
  });

  it('any text: a result or an OnvifError', () => {
    const input = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 300 }), xmlish);
    fc.assert(
      fc.property(input, (text) => {
        for (const [, read] of SAMPLES) readsOrRefuses(read, text);
        readsOrRefuses(parseProbeMatches, text);
      }),
      { numRuns: 1500, seed: 1404 },
    );
  });

  it('each valid answer cut, spliced, duplicated or with random text inserted: a result or an OnvifError', () => {
    for (const [valid, read] of SAMPLES) fc.assert(fc.property(mutations(valid), (xml) => readsOrRefuses(read, xml)), { numRuns: 800, seed: 2804 });
    fc.assert(fc.property(mutations(PROBE_MATCHES), (xml) => readsOrRefuses(parseProbeMatches, xml)), { numRuns: 3000, seed: 2805 });
  });

  it('refuses a DOCTYPE and nesting beyond the limit', () => {
    const laughs = `<!DOCTYPE l [<!ENTITY a "aaaa">]>${PROBE_MATCHES.replace(/^<\?xml[^>]*>/, '')}`;
    expect(() => parseProbeMatches(laughs)).toThrow(OnvifError);
    expect(() => parseProfiles(ENV('<a>'.repeat(100) + '</a>'.repeat(100)))).toThrow(/deeply/);
  });
});
