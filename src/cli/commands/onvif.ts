/**
 * `custos onvif discover|inspect|add`: find ONVIF cameras on the network (WS-Discovery), see what one
 * offers, add one as a registry camera. With --as, that user's grants apply; without, the local
 * operator acts (as the registry commands do).
 */
import { Command } from 'commander';
import { describeCommand } from '../command-index.ts';
import { printJson } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { principalFor } from './export-bundle.ts';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function onvifCommand(): Command {
  const command = new Command('onvif').description(describeCommand('onvif'));

  command
    .command('discover')
    .description('WS-Discovery probe (multicast and onvif.discovery.targets); with --user, each device’s maker, model, firmware, serial and MAC; devices not in the inventory raise UNREGISTERED_DEVICE')
    .option('--target <host:port>', 'also probe this address by unicast (repeatable)', collect, [])
    .option('--no-multicast', 'unicast targets only')
    .option('--user <name>', 'ONVIF user name')
    .option('--password <password>', 'ONVIF password', '')
    .option('--as <username>', 'the user acting (their grants apply)')
    .action(async (o: { target: string[]; multicast: boolean; user?: string; password: string; as?: string }) =>
      withRuntime(async (rt) => {
        const principal = o.as ? await principalFor(rt.db.db, o.as) : null;
        const report = await rt.services.onvifDiscovery.discover(principal, { targets: o.target, multicast: o.multicast, credential: o.user ? { username: o.user, password: o.password } : undefined });
        if (report.multicast === 'refused') process.stderr.write(`custos: multicast refused on this machine (${report.multicastError ?? ''}); only unicast targets were probed\n`);
        printJson(report);
      }),
    );

  command
    .command('inspect')
    .description('what a device offers: identity, profiles and their RTSP addresses, PTZ, events')
    .argument('<deviceUrl>', 'the device service address, e.g. http://192.0.2.10/onvif/device_service')
    .requiredOption('--user <name>', 'ONVIF user name')
    .option('--password <password>', 'ONVIF password', '')
    .option('--as <username>', 'the user acting (their grants apply)')
    .action(async (deviceUrl: string, o: { user: string; password: string; as?: string }) =>
      withRuntime(async (rt) => printJson(await rt.services.onvifCameras.inspect(o.as ? await principalFor(rt.db.db, o.as) : null, { deviceUrl, username: o.user, password: o.password }))),
    );

  command
    .command('add')
    .description('add the device as a registry camera (product fields and stream from the device; the registry’s rules apply)')
    .argument('<deviceUrl>', 'the device service address')
    .requiredOption('--site <id>', 'the site (system) the camera belongs to')
    .requiredOption('--name <name>', 'the camera’s name')
    .requiredOption('--user <name>', 'ONVIF user name')
    .option('--password <password>', 'ONVIF password', '')
    .option('--main-profile <token>', 'profile recorded (default: the first)')
    .option('--sub-profile <token>', 'substream profile kept for analytics (default: the smallest other one)')
    .option('--as <username>', 'the user acting (their grants apply)')
    .action(async (deviceUrl: string, o: { site: string; name: string; user: string; password: string; mainProfile?: string; subProfile?: string; as?: string }) =>
      withRuntime(async (rt) => {
        const principal = o.as ? await principalFor(rt.db.db, o.as) : undefined;
        const camera = await rt.services.onvifCameras.add(
          { deviceUrl, username: o.user, password: o.password, siteId: o.site, name: o.name, mainProfile: o.mainProfile, subProfile: o.subProfile },
          { name: o.as ?? 'cli', ...(principal ? { principal } : {}) },
        );
        printJson(await rt.services.cameras.view(camera));
      }),
    );
  return command;
}
