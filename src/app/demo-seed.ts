/**
 * On the first start with an empty registry, registers a demonstration unit, system and camera so
 * that a newcomer sees the registry, its findings and a filing deadline at once. Turned off by
 * `demo.enabled: false` (CUSTOS_DEMO_ENABLED=false). The unit's credit code is synthetic.
 */
import type { Services } from './services.ts';
import { legalDateOf } from '../shared/legal-time.ts';
import type { Clock } from '../shared/clock.ts';

const DEMO_ACTOR = { name: 'system:demo' };
export const DEMO_USCC = '91110108MA01DEMN7A';

export async function seedDemo(services: Services, clock: Clock, sourceUrl: string | null = null): Promise<boolean> {
  if ((await services.units.list()).length > 0) return false;
  const today = legalDateOf(clock.now());
  const unit = await services.units.create(
    {
      name: '演示单位(Custos 示例数据)',
      unitType: 'ENTERPRISE',
      uscc: DEMO_USCC,
      address: '北京市海淀区示例路1号',
      legalRepresentative: '示例法定代表人',
      contactName: '示例联系人',
      contactPhone: '010-00000000',
    },
    DEMO_ACTOR,
  );
  await services.filingAuthorities.put({ adminDivisionCode: '110108', name: '北京市公安局海淀分局' }, DEMO_ACTOR);
  const site = await services.sites.create(
    {
      unitId: unit.id,
      name: '演示商场一层',
      address: '北京市海淀区示例路1号一层',
      adminDivisionCode: '110108',
      placeCategory: 'A7_2_1_GATHERING',
      placeSubtype: '商贸中心',
      putIntoUseDate: today,
      storagePeriodDays: 30,
      recorderCount: 1,
    },
    DEMO_ACTOR,
  );
  const camera = await services.cameras.create(
    {
      siteId: site.id,
      name: '演示摄像机(主入口)',
      deviceType: 'FIXED',
      sourceUrl,
      position: { x: 20, y: 5 },
      mountHeightM: 3,
      headingDeg: 90,
      tiltDeg: -20,
      hfovDeg: 90,
      rangeM: 15,
      publicSecurityArea: 'ENTRANCE',
      necessity: '覆盖商场主入口人员进出,用于维护公共安全(演示数据)',
      placementRationale: '主入口上方,朝向入口通道,不朝向任何禁止区域',
      installedByUnitId: unit.id,
      installedAt: today,
    },
    DEMO_ACTOR,
  );
  await services.signs.create(
    {
      siteId: site.id,
      location: '主入口外侧',
      placementNote: '进入监控区域前可见',
      text: '您已进入视频监控区域 / CCTV in operation',
      languages: ['zh', 'en'],
      photoRef: 'demo/sign-entrance.jpg',
      installedAt: today,
      cameraIds: [camera.id],
    },
    DEMO_ACTOR,
  );
  await services.cameras.activate(camera.id, {}, DEMO_ACTOR);
  return true;
}
