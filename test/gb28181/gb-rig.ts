/**
 * The world of the GB/T 28181 directory tests: an app whose platform is given, two units (A with site
 * SA and camera A1, B with site SB and camera B1), and one device with four channels: two cameras, an
 * alarm input, and a camera the next catalog refresh reveals. Replace `makeDoublePlatform` by the real
 * platform and the device simulator registering, and the same tests run end to end.
 */
import type { DbDialect } from '../../src/db/connect.ts';
import type { GbPlatformApi } from '../../src/gb28181/platform-api.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';
import { GbPlatformDouble, gbCode } from '../support/gb-platform-double.ts';

export const DEVICE = gbCode('118', 1);
export const OTHER_DEVICE = gbCode('132', 9);
export const CH1 = gbCode('131', 1);
export const CH2 = gbCode('132', 2);
export const ALARM_IN = gbCode('134', 3);
export const LATE = gbCode('131', 4);
export const OTHER_CH = gbCode('132', 9);

export function makeDoublePlatform(): GbPlatformDouble {
  const platform = new GbPlatformDouble([
    {
      deviceId: DEVICE,
      name: 'NVR-1',
      manufacturer: 'Hikvision',
      model: 'DS-7608N',
      firmware: 'V4.30.005',
      channels: [
        { channelId: CH1, name: '大门', manufacturer: 'Hikvision', model: 'DS-2DE4425', ptzType: 1 },
        { channelId: CH2, name: '大厅', ptzType: 3 },
        { channelId: ALARM_IN, name: '门磁', ptzType: null },
      ],
      records: [
        { channelId: CH2, name: '大厅', startTime: '2025-06-01T03:00:00.000Z', endTime: '2025-06-01T04:00:00.000Z', filePath: '/rec/2', secrecy: 0, type: 'time', fileSize: 2048 },
        { channelId: CH2, name: '大厅', startTime: '2025-05-31T17:00:00.000Z', endTime: '2025-05-31T18:00:00.000Z', filePath: '/rec/1', secrecy: 0, type: 'time', fileSize: 1024 },
        { channelId: CH2, name: '大厅', startTime: '2025-05-30T03:00:00.000Z', endTime: '2025-05-30T04:00:00.000Z', filePath: '/rec/0', secrecy: 0, type: 'time', fileSize: 512 },
      ],
    },
    { deviceId: OTHER_DEVICE, name: 'IPC-B', manufacturer: 'Dahua', model: 'IPC-HFW', firmware: 'V2.8', channels: [{ channelId: OTHER_CH, name: 'B 门口' }] },
  ]);
  platform.pendingCatalog.set(DEVICE, [platform.channelOf(DEVICE, { channelId: LATE, name: '后门' })]);
  return platform;
}

export interface GbWorld {
  t: TestApp;
  units: { A: string; B: string };
  sites: { A: string; B: string };
  cameras: { A1: string; B1: string };
}

export async function openGbWorld(platform: GbPlatformApi | undefined, dialect: DbDialect = 'sqlite'): Promise<GbWorld> {
  const t = await openTestApp(dialect, { services: { gbPlatform: platform } });
  const unitA = await created<{ id: string }>(t, '/api/units', unitBody({ name: 'A' }));
  const unitB = await created<{ id: string }>(t, '/api/units', unitBody({ name: 'B', uscc: null, unitType: 'INDIVIDUAL' }));
  const siteA = await created<{ id: string }>(t, '/api/sites', siteBody(unitA.id, { name: 'A-系统' }));
  const siteB = await created<{ id: string }>(t, '/api/sites', siteBody(unitB.id, { name: 'B-系统' }));
  const A1 = await created<{ id: string }>(t, '/api/cameras', cameraBody(siteA.id, unitA.id, { name: 'A1' }));
  const B1 = await created<{ id: string }>(t, '/api/cameras', cameraBody(siteB.id, unitB.id, { name: 'B1' }));
  return { t, units: { A: unitA.id, B: unitB.id }, sites: { A: siteA.id, B: siteB.id }, cameras: { A1: A1.id, B1: B1.id } };
}
