/**
 * `custos gb28181 devices|device|channels|catalog|info|status|records|ptz|password`: GB/T 28181 devices
 * through the running server (its SIP socket talks to them), as the API token's user: CUSTOS_URL
 * (default http://127.0.0.1:8080) and CUSTOS_TOKEN, or --url and --token.
 */
import { Command, Option } from 'commander';
import type { GbPtzCommand } from '../../gb28181/platform-api.ts';
import { BadRequestError, InvalidError, type LocalizedText } from '../../shared/errors.ts';
import { describeCommand } from '../command-index.ts';
import { printJson } from '../output.ts';

interface Remote {
  url?: string;
  token?: string;
}

const remoteOptions = (command: Command): Command =>
  command
    .addOption(new Option('--url <url>', 'the Custos server').env('CUSTOS_URL').default('http://127.0.0.1:8080'))
    .addOption(new Option('--token <token>', 'an API token (custos tokens, or the web UI)').env('CUSTOS_TOKEN'));

async function call(remote: Remote, method: string, path: string, body?: unknown): Promise<unknown> {
  if (!remote.token) throw new InvalidError('E_CLI_TOKEN', { message: { zh: '需要 API 令牌(--token 或 CUSTOS_TOKEN)', en: 'an API token is needed (--token or CUSTOS_TOKEN)' } });
  const response = await fetch(`${(remote.url ?? 'http://127.0.0.1:8080').replace(/\/$/, '')}${path}`, {
    method,
    headers: { authorization: `Bearer ${remote.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const error = (json ?? {}) as { code?: string; messages?: LocalizedText; details?: Record<string, unknown> };
    throw new BadRequestError(error.code ?? `HTTP_${response.status}`, { message: error.messages ?? { zh: `服务器返回 ${response.status}`, en: `the server answered ${response.status}` }, details: error.details });
  }
  return json;
}

const device = (id: string) => `/api/gb28181/devices/${encodeURIComponent(id)}`;

/** `up`, `down-left`, `zoom-in`, `stop`, `preset-goto:3` … → the command. */
export function parsePtz(text: string, speed: number): GbPtzCommand {
  const preset = /^(preset-set|preset-goto|preset-delete):(\d{1,3})$/.exec(text);
  if (preset) return { kind: preset[1] as 'preset-set', preset: Number(preset[2]) };
  if (text === 'stop') return { kind: 'stop' };
  const parts = text.split('-');
  let pan: -1 | 0 | 1 = 0;
  let tilt: -1 | 0 | 1 = 0;
  let zoom: -1 | 0 | 1 = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === 'left') pan = -1;
    else if (part === 'right') pan = 1;
    else if (part === 'up') tilt = 1;
    else if (part === 'down') tilt = -1;
    else if (part === 'zoom' && (parts[i + 1] === 'in' || parts[i + 1] === 'out')) zoom = parts[++i] === 'in' ? 1 : -1;
    else throw new InvalidError('E_GB_PTZ', { message: { zh: `不认识的云台命令:${text}`, en: `unknown PTZ command: ${text} (up, down-left, zoom-in, stop, preset-goto:N …)` } });
  }
  return { kind: 'move', pan, tilt, zoom, speed };
}

export function gb28181Command(): Command {
  const command = new Command('gb28181').description(describeCommand('gb28181'));
  const sub = (name: string, description: string) => remoteOptions(command.command(name).description(description));

  sub('devices', 'devices that registered (online or not), with where they came from').action(async (o: Remote) => printJson(await call(o, 'GET', '/api/gb28181/devices')));
  sub('device', 'one device').argument('<device>', '20-digit device code').action(async (id: string, o: Remote) => printJson(await call(o, 'GET', device(id))));
  sub('channels', 'the channels its last catalog listed').argument('<device>', 'device code').action(async (id: string, o: Remote) => printJson(await call(o, 'GET', `${device(id)}/channels`)));
  sub('catalog', 'ask the device for its catalog now and store it').argument('<device>', 'device code').action(async (id: string, o: Remote) => printJson(await call(o, 'POST', `${device(id)}/catalog`)));
  sub('info', 'DeviceInfo: name, manufacturer, model, firmware').argument('<device>', 'device code').action(async (id: string, o: Remote) => printJson(await call(o, 'POST', `${device(id)}/info`)));
  sub('status', 'DeviceStatus: online, encoding, recording, the device clock').argument('<device>', 'device code').action(async (id: string, o: Remote) => printJson(await call(o, 'POST', `${device(id)}/status`)));
  sub('records', 'recordings the device holds for a channel (RecordInfo)')
    .argument('<device>', 'device code')
    .argument('<channel>', 'channel code')
    .requiredOption('--from <instant>', 'ISO instant, e.g. 2026-12-04T00:00:00+08:00')
    .requiredOption('--to <instant>', 'ISO instant')
    .action(async (id: string, channel: string, o: Remote & { from: string; to: string }) =>
      printJson(await call(o, 'GET', `${device(id)}/channels/${encodeURIComponent(channel)}/records?${new URLSearchParams({ from: o.from, to: o.to }).toString()}`)),
    );
  sub('ptz', 'move (up, down-left, zoom-in …), stop, or presets (preset-goto:N); taking control is recorded with the reason')
    .argument('<device>', 'device code')
    .argument('<channel>', 'channel code')
    .argument('<command>', 'up | down | left | right | up-left … | zoom-in | zoom-out | stop | preset-set:N | preset-goto:N | preset-delete:N')
    .option('--speed <0-255>', 'pan/tilt speed', '128')
    .option('--reason <text>', 'why (at least 10 characters), with --category')
    .option('--category <category>', 'reason category, e.g. PUBLIC_SECURITY_MONITORING', 'PUBLIC_SECURITY_MONITORING')
    .action(async (id: string, channel: string, text: string, o: Remote & { speed: string; reason?: string; category: string }) =>
      printJson(await call(o, 'POST', `${device(id)}/channels/${encodeURIComponent(channel)}/ptz`, { command: parsePtz(text, Number(o.speed)), ...(o.reason ? { reason: { category: o.category, text: o.reason } } : {}) })),
    );
  sub('password', 'set the device’s own registration password (read from CUSTOS_GB_PASSWORD), or --default to use gb28181.password')
    .argument('<device>', 'device code')
    .option('--default', 'remove the device’s own password')
    .action(async (id: string, o: Remote & { default?: boolean }) => {
      const password = o.default ? null : process.env.CUSTOS_GB_PASSWORD;
      if (password === undefined) throw new InvalidError('E_CLI_PASSWORD', { message: { zh: '请在环境变量 CUSTOS_GB_PASSWORD 中给出密码', en: 'give the password in CUSTOS_GB_PASSWORD (not on the command line)' } });
      await call(o, 'PUT', `${device(id)}/password`, { password });
      printJson({ ok: true });
    });
  return command;
}
