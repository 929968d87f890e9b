/** Readers of the Device service answers: identity, clock, service addresses, network interfaces. */
import { OnvifError } from '../soap/errors.ts';
import { childrenNamed, findAll, findElement, numberOf, parseResponse, requiredText, text, textOf } from '../soap/response.ts';

export interface DeviceInformation {
  manufacturer: string;
  model: string;
  firmwareVersion: string | null;
  serialNumber: string;
  hardwareId: string | null;
}

export interface ServiceAddresses {
  device: string | null;
  media: string | null;
  ptz: string | null;
  events: string | null;
}

export interface NetworkInterface {
  token: string;
  enabled: boolean;
  /** Lower case, colon separated. */
  mac: string | null;
  ipv4: string[];
}

const MAX_IDENTITY = 256;

export function parseDeviceInformation(xml: string): DeviceInformation {
  const response = parseResponse(xml, 'GetDeviceInformationResponse');
  const optional = (name: string) => {
    const value = text(response, name);
    if (value !== null && value.length > MAX_IDENTITY) throw new OnvifError('E_ONVIF_RESPONSE', `${name} longer than ${MAX_IDENTITY} characters`);
    return value;
  };
  return {
    manufacturer: requiredText(response, 'Manufacturer', MAX_IDENTITY),
    model: requiredText(response, 'Model', MAX_IDENTITY),
    firmwareVersion: optional('FirmwareVersion'),
    serialNumber: requiredText(response, 'SerialNumber', MAX_IDENTITY),
    hardwareId: optional('HardwareId'),
  };
}

/** The device's UTC clock as a Date. */
export function parseSystemDateAndTime(xml: string): Date {
  const response = parseResponse(xml, 'GetSystemDateAndTimeResponse');
  const utc = findElement(response, 'UTCDateTime');
  if (!utc) throw new OnvifError('E_ONVIF_RESPONSE', 'no UTCDateTime in the answer');
  const [year, month, day, hour, minute, second] = ['Year', 'Month', 'Day', 'Hour', 'Minute', 'Second'].map((n) => numberOf(utc, n));
  const at = Date.UTC(year ?? NaN, (month ?? NaN) - 1, day ?? NaN, hour ?? NaN, minute ?? NaN, second ?? NaN);
  if (!Number.isFinite(at)) throw new OnvifError('E_ONVIF_RESPONSE', 'UTCDateTime is not a date');
  return new Date(at);
}

const httpUrl = (value: string | null): string | null => (value && /^https?:\/\//i.test(value) ? value : null);

/** GetCapabilities: Device, Media, PTZ and Events XAddr. */
export function parseCapabilities(xml: string): ServiceAddresses {
  const capabilities = findElement(parseResponse(xml, 'GetCapabilitiesResponse'), 'Capabilities');
  const xaddr = (name: string) => {
    const section = capabilities ? childrenNamed(capabilities, name)[0] : undefined;
    return httpUrl(text(section, 'XAddr'));
  };
  return { device: xaddr('Device'), media: xaddr('Media'), ptz: xaddr('PTZ'), events: xaddr('Events') };
}

const SERVICE_NAMESPACES: Record<string, keyof ServiceAddresses> = {
  'http://www.onvif.org/ver10/device/wsdl': 'device',
  'http://www.onvif.org/ver10/media/wsdl': 'media',
  'http://www.onvif.org/ver20/ptz/wsdl': 'ptz',
  'http://www.onvif.org/ver10/events/wsdl': 'events',
};

/** GetServices: the same addresses, by service namespace. */
export function parseServices(xml: string): ServiceAddresses {
  const response = parseResponse(xml, 'GetServicesResponse');
  const out: ServiceAddresses = { device: null, media: null, ptz: null, events: null };
  for (const service of childrenNamed(response, 'Service')) {
    const key = SERVICE_NAMESPACES[text(service, 'Namespace') ?? ''];
    if (key) out[key] = httpUrl(text(service, 'XAddr'));
  }
  return out;
}

const MAC = /^[0-9a-f]{2}([:-]?)(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

export function normalizeMac(value: string | null): string | null {
  if (!value || !MAC.test(value)) return null;
  const hex = value.replace(/[:-]/g, '').toLowerCase();
  return hex.match(/../g)?.join(':') ?? null;
}

export function parseNetworkInterfaces(xml: string): NetworkInterface[] {
  const response = parseResponse(xml, 'GetNetworkInterfacesResponse');
  return childrenNamed(response, 'NetworkInterfaces')
    .slice(0, 32)
    .map((nic) => {
      const ipv4 = findElement(nic, 'IPv4');
      const addresses = ipv4 ? [...findAll(ipv4, 'Address'), ...findAll(ipv4, 'IPv4Address')].map((e) => textOf(e).trim()).filter((a) => IPV4.test(a)) : [];
      return {
        token: (nic.attributes.token ?? '').slice(0, 64),
        enabled: text(nic, 'Enabled') !== 'false',
        mac: normalizeMac(text(findElement(nic, 'Info'), 'HwAddress')),
        ipv4: [...new Set(addresses)],
      };
    });
}
