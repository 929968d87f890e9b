/** `gb28181://<deviceId>/<channelId>?transport=…`: the registry's stream address of a GB/T 28181 channel. */
import { InvalidError } from '../shared/errors.ts';
import { parseGbCode } from './ids.ts';
import type { GbMediaTransport } from './media-session.ts';

export interface GbStreamAddress {
  deviceId: string;
  channelId: string;
  transport: GbMediaTransport;
}

const TRANSPORTS: readonly GbMediaTransport[] = ['udp', 'tcp-passive', 'tcp-active'];

export const isGbStreamUrl = (url: string): boolean => /^gb28181:\/\//i.test(url);

export function parseGbStreamUrl(url: string): GbStreamAddress {
  const match = /^gb28181:\/\/([^/?#]+)\/([^/?#]+)(?:\?([^#]*))?$/i.exec(url.trim());
  if (!match) {
    throw new InvalidError('E_GB_STREAM_URL', {
      message: { zh: 'GB/T 28181 流地址应为 gb28181://设备编码/通道编码', en: 'a GB/T 28181 stream address is gb28181://<deviceId>/<channelId>' },
    });
  }
  const deviceId = parseGbCode(match[1]!, 'deviceId').code;
  const channelId = parseGbCode(match[2]!, 'channelId').code;
  const transport = (new URLSearchParams(match[3] ?? '').get('transport') ?? 'udp') as GbMediaTransport;
  if (!TRANSPORTS.includes(transport)) {
    throw new InvalidError('E_GB_STREAM_URL', {
      message: { zh: `不支持的传输方式 ${transport}`, en: `unsupported transport ${transport} (udp, tcp-passive or tcp-active)` },
    });
  }
  return { deviceId, channelId, transport };
}

export function gbStreamUrl(address: GbStreamAddress): string {
  return `gb28181://${address.deviceId}/${address.channelId}${address.transport === 'udp' ? '' : `?transport=${address.transport}`}`;
}
