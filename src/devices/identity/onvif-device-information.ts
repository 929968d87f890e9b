/**
 * ONVIF GetDeviceInformation (Device service, SOAP 1.2) with a WS-Security UsernameToken password
 * digest: Base64(SHA-1(nonce + created + password)). Only this one call: a full ONVIF client comes
 * later. The answer is read with the strict small XML reader; a SOAP fault or a malformed answer is an
 * OnvifError with a stable code.
 */
import { createHash, randomBytes } from 'node:crypto';
import { findElement, parseXml, textOf, XmlError, type XmlElement } from './small-xml.ts';

export interface DeviceInformation {
  manufacturer: string;
  model: string;
  firmwareVersion: string | null;
  serialNumber: string;
  hardwareId: string | null;
}

export type OnvifErrorCode = 'E_ONVIF_UNREACHABLE' | 'E_ONVIF_AUTH' | 'E_ONVIF_FAULT' | 'E_ONVIF_RESPONSE';

export class OnvifError extends Error {
  constructor(
    readonly code: OnvifErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DIGEST_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const BASE64_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';
export const GET_DEVICE_INFORMATION_ACTION = 'http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation';
const MAX_FIELD = 256;

const escapeXml = (value: string) => value.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')])).digest('base64');
}

export interface Credential {
  username: string;
  password: string;
}

/** The SOAP envelope; `nonce` and `created` are given by tests, fresh otherwise. */
export function deviceInformationRequest(credential: Credential | undefined, now: Date, nonce: Buffer = randomBytes(16)): string {
  const created = now.toISOString();
  const security = credential
    ? `<s:Header><wsse:Security s:mustUnderstand="1" xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"><wsse:UsernameToken>` +
      `<wsse:Username>${escapeXml(credential.username)}</wsse:Username>` +
      `<wsse:Password Type="${DIGEST_TYPE}">${passwordDigest(nonce, created, credential.password)}</wsse:Password>` +
      `<wsse:Nonce EncodingType="${BASE64_TYPE}">${nonce.toString('base64')}</wsse:Nonce>` +
      `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security></s:Header>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">${security}<s:Body><GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>`;
}

function field(response: XmlElement, name: string, required: true): string;
function field(response: XmlElement, name: string, required: false): string | null;
function field(response: XmlElement, name: string, required: boolean): string | null {
  const element = findElement(response, name);
  const value = element ? textOf(element).trim() : '';
  if (value.length > MAX_FIELD) throw new OnvifError('E_ONVIF_RESPONSE', `${name} longer than ${MAX_FIELD} characters`);
  if (value === '' && required) throw new OnvifError('E_ONVIF_RESPONSE', `the answer has no ${name}`);
  return value === '' ? null : value;
}

/** Reads a GetDeviceInformationResponse; throws OnvifError for a fault or anything malformed. */
export function parseDeviceInformation(xml: string): DeviceInformation {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new OnvifError('E_ONVIF_RESPONSE', `not well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'Envelope') throw new OnvifError('E_ONVIF_RESPONSE', 'not a SOAP envelope');
  const body = root.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'Body');
  if (!body) throw new OnvifError('E_ONVIF_RESPONSE', 'a SOAP envelope without a Body');
  const fault = findElement(body, 'Fault');
  if (fault) {
    const reason = findElement(fault, 'Reason') ?? findElement(fault, 'faultstring');
    const subcode = findElement(fault, 'Subcode');
    const text = `${subcode ? textOf(subcode).trim() : ''} ${reason ? textOf(reason).trim() : ''}`.trim().slice(0, 200);
    const auth = /NotAuthorized|FailedAuthentication|Sender/i.test(text);
    throw new OnvifError(auth ? 'E_ONVIF_AUTH' : 'E_ONVIF_FAULT', text || 'SOAP fault');
  }
  const response = findElement(body, 'GetDeviceInformationResponse');
  if (!response) throw new OnvifError('E_ONVIF_RESPONSE', 'no GetDeviceInformationResponse in the Body');
  return {
    manufacturer: field(response, 'Manufacturer', true),
    model: field(response, 'Model', true),
    firmwareVersion: field(response, 'FirmwareVersion', false),
    serialNumber: field(response, 'SerialNumber', true),
    hardwareId: field(response, 'HardwareId', false),
  };
}

const MAX_RESPONSE_BYTES = 256 * 1024;

/** POSTs the request to the device service and reads the answer (at most 256 KiB, within `timeoutMs`). */
export async function getDeviceInformation(serviceUrl: string, credential: Credential | undefined, options: { now: Date; timeoutMs?: number }): Promise<DeviceInformation> {
  let response: Response;
  try {
    response = await fetch(serviceUrl, {
      method: 'POST',
      headers: { 'content-type': `application/soap+xml; charset=utf-8; action="${GET_DEVICE_INFORMATION_ACTION}"` },
      body: deviceInformationRequest(credential, options.now),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch (error) {
    throw new OnvifError('E_ONVIF_UNREACHABLE', error instanceof Error ? error.message : String(error));
  }
  if (response.status === 401 || response.status === 403) throw new OnvifError('E_ONVIF_AUTH', `HTTP ${response.status}`);
  const text = await readLimited(response);
  return parseDeviceInformation(text);
}

async function readLimited(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new OnvifError('E_ONVIF_RESPONSE', `answer larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
