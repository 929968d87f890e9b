import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CLIPS, codecFromPath } from '../../media/simulator/clip.ts';
import { parseFault, type Fault } from '../../media/simulator/faults.ts';
import { startSimulator } from '../../media/simulator/server.ts';
import { startOnvifCameraSim, type OnvifCameraSim } from '../../devices/onvif/simulator/onvif-camera-sim.ts';
import type { VideoCodec } from '../../media/types.ts';
import { describeCommand } from '../command-index.ts';
import { simulateGb28181Command } from './simulate-gb28181.ts';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('not a whole number');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function simulateCommand(): Command {
  const command: Command = new Command('simulate')
    .description(describeCommand('simulate'))
    // Not a commander required option: it would be required of `simulate gb28181` too.
    .option('--cameras <n>', 'number of cameras (required for RTSP)', positiveInt)
    .option('--port <port>', 'RTSP port (0: any free port)', positiveInt, 8554)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .addOption(new Option('--codec <codec>', 'codec of the cameras; mixed: odd H.264, even H.265').choices(['h264', 'h265', 'mixed']).default('mixed'))
    .option('--clip <path>', 'Annex B clip (.h264 or .h265; repeat for both codecs); default: media/clips/', collect, [])
    .option('--fps <fps>', 'frame rate of the clips', Number, 25)
    .option('--user <name>', 'require authentication with this user')
    .option('--password <password>', 'password of --user', '')
    .addOption(new Option('--auth <scheme>', 'authentication scheme').choices(['basic', 'digest']).default('digest'))
    .option('--fault <camera=spec>', 'a fault: 3=drop:10, 4=stall:5, 5=garbage:2:0.3 (repeatable)', collect, [])
    .option('--onvif', 'each camera also answers ONVIF (device, media, PTZ, events) and WS-Discovery; credentials: --user/--password, else admin / --onvif-password')
    .option('--onvif-port <port>', 'SOAP port of camera 1 (camera N: port + N - 1; 0: any free port)', positiveInt, 0)
    .option('--discovery-port <port>', 'WS-Discovery unicast port of camera 1 (camera N: port + N - 1; 0: any free port)', positiveInt, 0)
    .option('--onvif-password <password>', 'ONVIF password when --user is not given', 'custos-sim')
    .option('--multicast', 'the ONVIF cameras also join 239.255.255.250:3702 (where the machine allows)')
    .option('--clock-offset <camera=ms>', "a camera whose clock is off: 2=2000 sends RTCP sender reports 2 s ahead (repeatable; CLOCK_DRIFT)", collect, [])
    .enablePositionalOptions()
    .addCommand(simulateGb28181Command())
    .action(async (opts: { cameras?: number; port: number; host: string; codec: VideoCodec | 'mixed'; clip: string[]; fps: number; user?: string; password: string; auth: 'basic' | 'digest'; fault: string[]; clockOffset: string[]; onvif?: boolean; onvifPort: number; discoveryPort: number; onvifPassword: string; multicast?: boolean }) => {
      if (opts.cameras === undefined) command.error("error: required option '--cameras <n>' not specified");
      const cameras = opts.cameras;
      const clip: { h264?: string; h265?: string } = {};
      for (const path of opts.clip) {
        const codec = codecFromPath(path) ?? (opts.codec === 'mixed' ? undefined : opts.codec);
        if (!codec) throw new InvalidArgumentError(`cannot tell the codec of ${path}: name it .h264 or .h265, or give --codec`);
        clip[codec] = path;
      }
      if (opts.clip.length === 0) Object.assign(clip, DEFAULT_CLIPS);
      const faults: Record<number, Fault> = {};
      for (const spec of opts.fault) {
        const [camera, fault] = spec.split('=');
        faults[positiveInt(camera ?? '')] = parseFault(fault ?? '');
      }
      const clockOffsetMs: Record<number, number> = {};
      for (const spec of opts.clockOffset) {
        const [camera, ms] = spec.split('=');
        const offset = Number(ms);
        if (!Number.isFinite(offset)) throw new InvalidArgumentError(`--clock-offset ${spec}: expected CAMERA=MILLISECONDS`);
        clockOffsetMs[positiveInt(camera ?? '')] = offset;
      }
      const sim = await startSimulator({
        cameras: cameras,
        clip,
        codec: opts.codec,
        port: opts.port,
        host: opts.host,
        fps: opts.fps,
        faults,
        clockOffsetMs,
        ...(opts.user ? { auth: { user: opts.user, password: opts.password, scheme: opts.auth } } : {}),
      });
      const onvif: OnvifCameraSim[] = [];
      for (let n = 1; n <= cameras; n++) {
        if (!opts.onvif) {
          process.stdout.write(`${sim.url(n)}\t${sim.codec(n)}\n`);
          continue;
        }
        const device = await startOnvifCameraSim({
          name: `Simulated camera ${n}`,
          mainUri: sim.url(n),
          subUri: sim.url(n),
          encoding: sim.codec(n) === 'h265' ? 'H265' : 'H264',
          credential: { username: opts.user ?? 'admin', password: opts.user ? opts.password : opts.onvifPassword },
          identity: { serialNumber: `SIM-${String(n).padStart(4, '0')}`, mac: `02:00:00:00:00:${n.toString(16).padStart(2, '0')}` },
          host: opts.host,
          port: opts.onvifPort ? opts.onvifPort + n - 1 : 0,
          discoveryPort: opts.discoveryPort ? opts.discoveryPort + n - 1 : 0,
          joinMulticast: opts.multicast === true,
        });
        onvif.push(device);
        process.stdout.write(`${sim.url(n)}\t${sim.codec(n)}\t${device.soap.deviceUrl}\twsd=${opts.host}:${device.discovery.port}\n`);
      }
      process.stderr.write(`Serving ${cameras} camera(s) on port ${sim.port}${opts.onvif ? ', each with ONVIF' : ''}; Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void Promise.all([...onvif.map((d) => d.close()), sim.close()]).then(() => resolve(), () => resolve());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
  return command;
}
