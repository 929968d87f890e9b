/** `custos simulate gb28181`: one simulated GB/T 28181 device registering to a platform, until interrupted. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { startGbSimDevice } from '../../gb28181/simulator/device.ts';
import { parseSipUri } from '../../gb28181/sip/header-values.ts';

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('not a positive whole number');
  return n;
}

/** `sip:ID@HOST:PORT` → the platform's code and address. */
export function parsePlatformUri(value: string): { id: string; host: string; port: number } {
  let parsed: { user: string | null; hostport: string };
  try {
    parsed = parseSipUri(value);
  } catch {
    throw new InvalidArgumentError('expected sip:PLATFORM_ID@HOST:PORT');
  }
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(parsed.hostport);
  if (!parsed.user || !/^\d{20}$/.test(parsed.user) || !match) throw new InvalidArgumentError('expected sip:PLATFORM_ID@HOST:PORT with a 20-digit platform code');
  return { id: parsed.user, host: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 5060 };
}

export function simulateGb28181Command(): Command {
  return new Command('gb28181')
    .description('a simulated GB/T 28181 device (NVR or IPC) that registers to a platform and plays PS over RTP on INVITE')
    .requiredOption('--platform <uri>', 'the platform: sip:PLATFORM_ID@HOST:PORT', parsePlatformUri)
    .requiredOption('--password <password>', 'SIP Digest password the platform expects')
    .option('--device-id <code>', '20-digit device code (type 118 NVR, 132 IPC)', '34020000001180000001')
    .option('--channels <n>', 'channels of the NVR', count, 4)
    .addOption(new Option('--transport <transport>', 'SIP transport').choices(['udp', 'tcp']).default('udp'))
    .option('--domain <domain>', "the platform's 10-digit SIP domain (default: the first 10 digits of its code)")
    .option('--keepalive <seconds>', 'keepalive interval', count, 60)
    .option('--expires <seconds>', 'registration expiry asked for', count, 3600)
    .option('--catalog-per-message <n>', 'catalog items per MESSAGE', count, 2)
    .addOption(new Option('--codec <codec>', 'codec of the channels; mixed: odd H.264, even H.265').choices(['h264', 'h265', 'mixed']).default('h264'))
    .option('--local-host <address>', 'address to bind SIP and media sockets to', '0.0.0.0')
    .option('--advertise-host <address>', 'address to announce in Contact, Via and SDP')
    .action(async (opts: { platform: { id: string; host: string; port: number }; password: string; deviceId: string; channels: number; transport: 'udp' | 'tcp'; domain?: string; keepalive: number; expires: number; catalogPerMessage: number; codec: 'h264' | 'h265' | 'mixed'; localHost: string; advertiseHost?: string }) => {
      const device = await startGbSimDevice({
        deviceId: opts.deviceId,
        platform: { ...opts.platform, ...(opts.domain ? { domain: opts.domain } : {}) },
        password: opts.password,
        transport: opts.transport === 'tcp' ? 'TCP' : 'UDP',
        channels: opts.channels,
        keepaliveSec: opts.keepalive,
        expiresSec: opts.expires,
        catalogPerMessage: opts.catalogPerMessage,
        codec: opts.codec,
        localHost: opts.localHost,
        ...(opts.advertiseHost ? { advertiseHost: opts.advertiseHost } : {}),
      });
      for (const channel of device.channels) process.stdout.write(`${channel.channelId}\t${channel.codec}\n`);
      const say = (registered: boolean, error: string | undefined) =>
        process.stderr.write(registered ? `Device ${device.deviceId} registered to ${opts.platform.id}; Ctrl-C to stop.\n` : `Device ${device.deviceId} not registered${error ? `: ${error}` : ''}; retrying.\n`);
      say(device.status.registered, device.status.lastError?.message);
      let last = device.status.registered;
      device.onRegistration((status) => {
        if (status.registered !== last) say(status.registered, status.lastError?.message);
        last = status.registered;
      });
      await new Promise<void>((resolve) => {
        const stop = () => void device.close().then(resolve, resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
