/** The simulator's PTZ service: remembers position, moves and presets. */
import type { PtzVelocity } from '../../ptz/ptz-driver.ts';
import { SimFault, type Handler, type SimContext } from './context.ts';
import { esc, field } from './soap-io.ts';
import { zero } from './state.ts';
import { findElement, type XmlElement } from '../soap/xml.ts';

const clamp = (n: number) => Math.max(-1, Math.min(1, n));

/** Folds the current move into the position. */
export function settle(ctx: SimContext): PtzVelocity {
  const { ptz } = ctx;
  if (ptz.movingSince !== null) {
    const seconds = (Date.now() - ptz.movingSince) / 1000;
    ptz.position = { pan: clamp(ptz.position.pan + ptz.velocity.pan * seconds * 0.1), tilt: clamp(ptz.position.tilt + ptz.velocity.tilt * seconds * 0.1), zoom: clamp(ptz.position.zoom + ptz.velocity.zoom * seconds * 0.1) };
    ptz.movingSince = Date.now();
  }
  return ptz.position;
}

function requirePtzProfile(ctx: SimContext, operation: XmlElement): void {
  const token = field(operation, 'ProfileToken');
  const profile = ctx.profiles.find((p) => p.token === token);
  if (!profile) throw new SimFault('ter:InvalidArgVal', 'No such profile');
  if (!profile.ptz) throw new SimFault('ter:ActionNotSupported', 'The profile has no PTZ configuration');
}

const num = (value: string | undefined) => {
  const n = Number(value ?? '0');
  if (!Number.isFinite(n) || n < -1 || n > 1) throw new SimFault('ter:InvalidArgVal', 'Velocity out of range');
  return n;
};

export const ptzHandlers: Record<string, Handler> = {
  ContinuousMove: (ctx, operation) => {
    requirePtzProfile(ctx, operation);
    settle(ctx);
    const velocity = findElement(operation, 'Velocity');
    const panTilt = velocity ? findElement(velocity, 'PanTilt') : undefined;
    const zoom = velocity ? findElement(velocity, 'Zoom') : undefined;
    const v = { pan: num(panTilt?.attributes.x), tilt: num(panTilt?.attributes.y), zoom: num(zoom?.attributes.x) };
    ctx.ptz.velocity = v;
    ctx.ptz.movingSince = Date.now();
    ctx.ptz.moves.push({ kind: 'move', velocity: v });
    return '<tptz:ContinuousMoveResponse/>';
  },
  Stop: (ctx, operation) => {
    requirePtzProfile(ctx, operation);
    settle(ctx);
    ctx.ptz.velocity = zero();
    ctx.ptz.movingSince = null;
    ctx.ptz.moves.push({ kind: 'stop' });
    return '<tptz:StopResponse/>';
  },
  GetPresets: (ctx, operation) => {
    requirePtzProfile(ctx, operation);
    const presets = [...ctx.ptz.presets].map(([token, p]) => `<tptz:Preset token="${esc(token)}"><tt:Name>${esc(p.name)}</tt:Name><tt:PTZPosition><tt:PanTilt x="${p.position.pan}" y="${p.position.tilt}"/><tt:Zoom x="${p.position.zoom}"/></tt:PTZPosition></tptz:Preset>`);
    return `<tptz:GetPresetsResponse>${presets.join('')}</tptz:GetPresetsResponse>`;
  },
  SetPreset: (ctx, operation) => {
    requirePtzProfile(ctx, operation);
    const name = (field(operation, 'PresetName') ?? '').slice(0, 64) || `Preset ${ctx.ptz.presets.size + 1}`;
    const token = field(operation, 'PresetToken') || String(ctx.ptz.presets.size + 1);
    ctx.ptz.presets.set(token, { name, position: { ...settle(ctx) } });
    return `<tptz:SetPresetResponse><tptz:PresetToken>${esc(token)}</tptz:PresetToken></tptz:SetPresetResponse>`;
  },
  GotoPreset: (ctx, operation) => {
    requirePtzProfile(ctx, operation);
    const token = field(operation, 'PresetToken') ?? '';
    const preset = ctx.ptz.presets.get(token);
    if (!preset) throw new SimFault('ter:InvalidArgVal', 'No such preset');
    ctx.ptz.position = { ...preset.position };
    ctx.ptz.velocity = zero();
    ctx.ptz.movingSince = null;
    ctx.ptz.moves.push({ kind: 'goto', token });
    return '<tptz:GotoPresetResponse/>';
  },
};
