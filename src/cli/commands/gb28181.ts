/**
 * `custos gb28181 devices|channels|catalog|info|status|add-channel|records`: GB/T 28181 devices as a
 * user (their grants apply), through the same directory service as the API. The SIP platform runs in
 * the server process; where this process has none the commands answer E_GB_DISABLED.
 */
import { Command, Option } from 'commander';
import { GB_MEDIA_TRANSPORTS } from '../../gb28181/directory/api-schema.ts';
import { describeCommand } from '../command-index.ts';
import { printJson } from '../output.ts';
import { withRuntime, type Runtime } from '../runtime.ts';
import { principalFor } from './export-bundle.ts';
import type { Principal } from '../../access/principal.ts';
import type { GbDirectoryService } from '../../gb28181/directory/gb-directory-service.ts';

const as = () => new Option('--as <username>', 'the user acting (their grants apply)').makeOptionMandatory();

type Run = (gb: GbDirectoryService, principal: Principal, rt: Runtime) => Promise<unknown>;

const act = (username: string, run: Run) =>
  withRuntime(async (rt) => printJson(await run(rt.services.gbDirectory, await principalFor(rt.db.db, username), rt)));

export function gb28181Command(): Command {
  const command = new Command('gb28181').description(describeCommand('gb28181'));

  command
    .command('devices')
    .description('devices that registered: online, last keep-alive, in the inventory or not (within your reach)')
    .addOption(as())
    .action(async (o: { as: string }) => act(o.as, (gb, p) => gb.listDevices(p)));

  command
    .command('channels')
    .description("a device's catalog as last received: status, PTZ type, linked camera")
    .argument('<device>', '20-digit device code')
    .addOption(as())
    .action(async (device: string, o: { as: string }) => act(o.as, (gb, p) => gb.listChannels(p, device)));

  command
    .command('catalog')
    .description('ask the device for its catalog now and print the channels (device-level access)')
    .argument('<device>', '20-digit device code')
    .addOption(as())
    .action(async (device: string, o: { as: string }) => act(o.as, (gb, p) => gb.refreshCatalog(p, device)));

  command
    .command('info')
    .description('DeviceInfo: maker, model, firmware, channel count (device-level access)')
    .argument('<device>', '20-digit device code')
    .addOption(as())
    .action(async (device: string, o: { as: string }) => act(o.as, (gb, p) => gb.deviceInfo(p, device)));

  command
    .command('status')
    .description('DeviceStatus: online, encoding, recording, alarms (device-level access)')
    .argument('<device>', '20-digit device code')
    .addOption(as())
    .action(async (device: string, o: { as: string }) => act(o.as, (gb, p) => gb.deviceStatus(p, device)));

  command
    .command('add-channel')
    .description('add a camera channel (type 131/132) to the registry as an inactive camera and link it (CONFIG on the site)')
    .argument('<device>', '20-digit device code')
    .argument('<channel>', '20-digit channel code')
    .addOption(as())
    .requiredOption('--site <id>', 'the site (system) the camera belongs to')
    .option('--name <name>', "camera name (default: the channel's catalog name)")
    .addOption(new Option('--transport <transport>', 'how the device sends its stream').choices([...GB_MEDIA_TRANSPORTS]).default('udp'))
    .option('--reason <text>', 'kept in the camera history')
    .action(async (device: string, channel: string, o: { as: string; site: string; name?: string; transport: string; reason?: string }) =>
      act(o.as, (gb, p) => gb.addChannelAsCamera(p, device, channel, { siteId: o.site, transport: o.transport, ...(o.name ? { name: o.name } : {}), ...(o.reason ? { reason: o.reason } : {}) })),
    );

  command
    .command('unlink')
    .description("remove the link between a channel and its camera (CONFIG on the camera); the camera stays")
    .argument('<device>', '20-digit device code')
    .argument('<channel>', '20-digit channel code')
    .addOption(as())
    .action(async (device: string, channel: string, o: { as: string }) => act(o.as, (gb, p) => gb.unlinkChannel(p, device, channel)));

  command
    .command('records')
    .description("the device's own recordings of a linked channel on one day, Asia/Shanghai (LIVE or PLAYBACK on the camera)")
    .argument('<device>', '20-digit device code')
    .argument('<channel>', '20-digit channel code')
    .addOption(as())
    .requiredOption('--day <YYYY-MM-DD>', 'the day')
    .action(async (device: string, channel: string, o: { as: string; day: string }) => act(o.as, (gb, p) => gb.records(p, device, channel, o.day)));

  return command;
}
