/**
 * The ONVIF answer reader under random and mutated documents: it returns the device's identity or
 * throws an OnvifError with a stable code, never anything else, never hangs; a DOCTYPE (entity
 * expansion, external entities) is refused; what it returns is what the document said.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OnvifError, parseDeviceInformation } from '../../src/devices/identity/onvif-device-information.ts';

const VALID = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">
  <SOAP-ENV:Header/>
  <SOAP-ENV:Body>
    <tds:GetDeviceInformationResponse>
      <tds:Manufacturer>AcmeCam</tds:Manufacturer>
      <tds:Model>X200</tds:Model>
      <tds:FirmwareVersion>5.7.1</tds:FirmwareVersion>
      <tds:SerialNumber>SN-0001</tds:SerialNumber>
      <tds:HardwareId>B</tds:HardwareId>
    </tds:GetDeviceInformationResponse>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;

function readsOrRefuses(xml: string): void {
  try {
    const info = parseDeviceInformation(xml);
    for (const value of [info.manufacturer, info.model, info.serialNumber]) expect(typeof value === 'string' && value.length > 0 && value.length <= 256).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(OnvifError);
    expect((error as OnvifError).code).toMatch(/^E_ONVIF_(RESPONSE|FAULT|AUTH)$/);
  }
}

const xmlish = fc.string({ unit: fc.constantFrom('<', '>', '/', '=', '"', "'", '&', ';', '#', 'x', ':', ' ', '!', '?', '[', ']', '-', 'a', 'Body', 'Envelope', 'SerialNumber', 'CDATA', 'amp', '\u0000', '\uFEFF'), maxLength: 400 });

describe('ONVIF GetDeviceInformation answers under random input', () => {
  it('reads the valid answer, entities and CDATA included', () => {
    expect(parseDeviceInformation(VALID)).toEqual({ manufacturer: 'AcmeCam', model: 'X200', firmwareVersion: '5.7.1', serialNumber: 'SN-0001', hardwareId: 'B' });
    const escaped = VALID.replace('AcmeCam', 'Acme &amp; Sons &#x4E2D;&#25991;').replace('SN-0001', '<![CDATA[SN<1>]]>');
    expect(parseDeviceInformation(escaped)).toMatchObject({ manufacturer: 'Acme & Sons 中文', serialNumber: 'SN<1>' });
  });

  it('refuses a DOCTYPE (billion laughs, external entities), a fault and an answer without a serial', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>${VALID.replace(/^<\?xml[^>]*>/, '').replace('AcmeCam', '&lol2;')}`;
    expect(() => parseDeviceInformation(laughs)).toThrow(/DTDs/);
    const external = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${VALID.replace(/^<\?xml[^>]*>/, '')}`;
    expect(() => parseDeviceInformation(external)).toThrow(OnvifError);
    const fault = '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code><env:Reason><env:Text>no</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>';
    expect(() => parseDeviceInformation(fault)).toThrow(expect.objectContaining({ code: 'E_ONVIF_AUTH' }));
    expect(() => parseDeviceInformation(VALID.replace(/<tds:SerialNumber>.*<\/tds:SerialNumber>/, ''))).toThrow(expect.objectContaining({ code: 'E_ONVIF_RESPONSE' }));
    expect(() => parseDeviceInformation(`${VALID}<second/>`)).toThrow(OnvifError);
    expect(() => parseDeviceInformation('<a>'.repeat(100) + '</a>'.repeat(100))).toThrow(/deeply/);
  });

  it('any text at all: the identity or an OnvifError', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 300 }), xmlish), readsOrRefuses), { numRuns: 2000 });
  });

  it('the valid answer cut, spliced or with random text inserted: the identity or an OnvifError', () => {
    const mutated = fc.oneof(
      fc.nat(VALID.length).map((n) => VALID.slice(0, n)),
      fc.tuple(fc.nat(VALID.length), fc.nat(VALID.length)).map(([a, b]) => VALID.slice(0, Math.min(a, b)) + VALID.slice(Math.max(a, b))),
      fc.tuple(fc.nat(VALID.length), xmlish).map(([n, s]) => VALID.slice(0, n) + s + VALID.slice(n)),
    );
    fc.assert(fc.property(mutated, readsOrRefuses), { numRuns: 3000 });
  });

  it('what it reads is what the document said: any serial number, escaped, comes back unchanged', () => {
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((s) => [...s].every((c) => (c.codePointAt(0) ?? 0) >= 0x20 && !/[\u007f-\u009f\ud800-\udfff\ufffe\uffff]/u.test(c))).filter((s) => s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(printable, (serial) => {
        expect(parseDeviceInformation(VALID.replace('SN-0001', escape(serial))).serialNumber).toBe(serial);
      }),
      { numRuns: 500 },
    );
  });
});
