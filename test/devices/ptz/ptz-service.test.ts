/**
 * PtzService without a device: the first registered factory that reaches the camera drives it (the
 * ONVIF one and, later, GB/T 28181's), one register entry per control session with the idle window
 * configurable, a DENIAL entry when PTZ is refused, and no entry when no driver reaches the camera.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/access/principal.ts';
import { PtzService } from '../../../src/devices/ptz/ptz-service.ts';
import type { PtzDriver } from '../../../src/devices/ptz/ptz-driver.ts';
import type { CameraRecord } from '../../../src/registry/model.ts';
import { ForbiddenError } from '../../../src/shared/errors.ts';
import { fixedClock } from '../../../src/shared/clock.ts';

function setup(idleMinutes = 2) {
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const entries: { kind: string; reason: unknown }[] = [];
  const calls: string[] = [];
  const service = new PtzService({
    clock,
    idleMinutes,
    camera: async (id) => ({ id, name: id }) as CameraRecord,
    gate: {
      requireCamera: async (principal, _action, cameraId) => {
        if (principal.userId === 'outsider') throw new ForbiddenError('E_NO_CAMERA_PERMISSION', { article: '16.2(2)' });
        return { cameraId } as Awaited<ReturnType<PtzService['deps']['gate']['requireCamera']>>;
      },
    },
    register: {
      open: async (_p, input) => {
        entries.push({ kind: 'ACCESS', reason: input.reason });
        return { id: `reg_${entries.length}` } as Awaited<ReturnType<PtzService['deps']['register']['open']>>;
      },
      deny: async (_p, input) => {
        entries.push({ kind: 'DENIAL', reason: input.error.code });
        return { id: `reg_${entries.length}` } as Awaited<ReturnType<PtzService['deps']['register']['deny']>>;
      },
    },
  });
  const driver = (name: string): PtzDriver => ({
    continuousMove: async (v) => void calls.push(`${name} move ${v.pan}`),
    stop: async () => void calls.push(`${name} stop`),
    presets: async () => [],
    gotoPreset: async (token) => void calls.push(`${name} goto ${token}`),
    setPreset: async (presetName) => ({ token: '1', name: presetName }),
  });
  service.register(async (camera) => (camera.id === 'cam_gb' ? driver('gb') : null));
  service.register(async (camera) => (camera.id !== 'cam_none' ? driver('onvif') : null));
  return { service, clock, entries, calls };
}

const operator = { userId: 'u1' } as Principal;

describe('PtzService', () => {
  it('the first factory that reaches the camera drives it', async () => {
    const { service, calls } = setup();
    await service.move(operator, 'cam_gb', { pan: 0.5, tilt: 0, zoom: 0 });
    await service.move(operator, 'cam_onvif', { pan: -0.5, tilt: 0, zoom: 0 });
    expect(calls).toEqual(['gb move 0.5', 'onvif move -0.5']);
  });

  it('one register entry per control session; after the idle window a new one; the reason kept', async () => {
    const { service, clock, entries } = setup(2);
    const first = await service.move(operator, 'cam_onvif', { pan: 1, tilt: 0, zoom: 0 }, { category: 'INCIDENT_INVESTIGATION', text: '查看停车场刮蹭事件经过' });
    clock.set('2026-01-01T00:01:30Z');
    expect(await service.stop(operator, 'cam_onvif')).toEqual(first);
    clock.set('2026-01-01T00:03:31Z');
    const second = await service.gotoPreset(operator, 'cam_onvif', '1');
    expect(second.registerEntryId).not.toBe(first.registerEntryId);
    expect(entries).toEqual([
      { kind: 'ACCESS', reason: { category: 'INCIDENT_INVESTIGATION', text: '查看停车场刮蹭事件经过' } },
      { kind: 'ACCESS', reason: expect.objectContaining({ text: expect.stringContaining('no reason given') }) },
    ]);
  });

  it('a refusal is a DENIAL entry; a camera no driver reaches writes nothing', async () => {
    const { service, entries, calls } = setup();
    await expect(service.move({ userId: 'outsider' } as Principal, 'cam_onvif', { pan: 1, tilt: 0, zoom: 0 })).rejects.toMatchObject({ code: 'E_NO_CAMERA_PERMISSION' });
    await expect(service.move(operator, 'cam_none', { pan: 1, tilt: 0, zoom: 0 })).rejects.toMatchObject({ code: 'E_PTZ_UNSUPPORTED' });
    await expect(service.move(operator, 'cam_onvif', { pan: 2, tilt: 0, zoom: 0 })).rejects.toMatchObject({ code: 'E_PTZ_VELOCITY' });
    expect(entries).toEqual([{ kind: 'DENIAL', reason: 'E_NO_CAMERA_PERMISSION' }]);
    expect(calls).toEqual([]);
  });
});
