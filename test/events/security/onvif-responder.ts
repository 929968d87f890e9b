/**
 * Test-only: a small ONVIF device service on a local HTTP port (a camera we don't have): answers
 * GetDeviceInformation when the WS-Security UsernameToken digest proves the password, with a
 * maker, model and serial number the test changes; a SOAP fault otherwise (GetSystemDateAndTime
 * included: the client then takes the clocks to agree). `requests` counts GetDeviceInformation calls.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OnvifIdentity {
  manufacturer: string;
  model: string;
  serialNumber: string;
  firmwareVersion: string;
}

export interface OnvifResponder {
  port: number;
  identity: OnvifIdentity;
  requests: number;
  close(): Promise<void>;
}

const tag = (xml: string, name: string) => new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];

function fault(reason: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ter="http://www.onvif.org/ver10/error"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">${reason}</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>`;
}

export async function startOnvifResponder(credential: { username: string; password: string }, identity: OnvifIdentity): Promise<OnvifResponder> {
  const state = { identity, requests: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const answer = (status: number, xml: string) => res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(xml);
      if (req.method !== 'POST' || req.url !== '/onvif/device_service' || !/GetDeviceInformation/.test(body)) return answer(400, fault('unsupported'));
      state.requests++;
      const [username, password, nonce, created] = ['Username', 'Password', 'Nonce', 'Created'].map((n) => tag(body, n));
      const expected = nonce && created ? createHash('sha1').update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(credential.password)])).digest('base64') : undefined;
      if (username !== credential.username || !expected || password !== expected) return answer(400, fault('Sender not authorized'));
      const i = state.identity;
      answer(
        200,
        `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><SOAP-ENV:Header/><SOAP-ENV:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>${i.manufacturer}</tds:Manufacturer><tds:Model>${i.model}</tds:Model><tds:FirmwareVersion>${i.firmwareVersion}</tds:FirmwareVersion><tds:SerialNumber>${i.serialNumber}</tds:SerialNumber><tds:HardwareId>1.0</tds:HardwareId></tds:GetDeviceInformationResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    get identity() {
      return state.identity;
    },
    set identity(next) {
      state.identity = next;
    },
    get requests() {
      return state.requests;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
