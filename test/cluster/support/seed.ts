/**
 * One unit, one site and `urls.length` active cameras (one sign over all of them) in the cluster's
 * database, through the same services the API uses, as the demo seed does for its one camera.
 */
import { createServices } from '../../../src/app/services.ts';
import type { Db } from '../../../src/db/connect.ts';
import { policyOfRules } from '../../../src/registry/source-address-policy.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { legalDateOf } from '../../../src/shared/legal-time.ts';

const ACTOR = { name: 'system:cluster-test' };

export async function seedCameras(db: Db, dataDir: string, urls: readonly string[]): Promise<string[]> {
  const services = createServices(db, systemClock, dataDir, undefined, {
    sourceAddresses: policyOfRules({ networks: ['127.0.0.0/8'], allowLoopback: true, ownPorts: [] }),
  });
  const today = legalDateOf(new Date());
  const unit = await services.units.create(
    {
      name: '集群测试单位',
      unitType: 'ENTERPRISE',
      uscc: '91330106MA2AB3C472',
      address: '杭州市西湖区文三路1号',
      legalRepresentative: '王五',
      contactName: '李四',
      contactPhone: '0571-88888888',
    },
    ACTOR,
  );
  await services.filingAuthorities.put({ adminDivisionCode: '330106', name: '杭州市公安局西湖区分局' }, ACTOR);
  const site = await services.sites.create(
    {
      unitId: unit.id,
      name: '集群测试商场',
      address: '杭州市西湖区文三路1号',
      adminDivisionCode: '330106',
      placeCategory: 'A7_2_1_GATHERING',
      placeSubtype: '商贸中心',
      putIntoUseDate: today,
      storagePeriodDays: 30,
      recorderCount: 2,
    },
    ACTOR,
  );
  const ids: string[] = [];
  for (const [i, sourceUrl] of urls.entries()) {
    const camera = await services.cameras.create(
      {
        siteId: site.id,
        name: `通道${i + 1}`,
        deviceType: 'FIXED',
        sourceUrl,
        position: { x: 5 + (i % 8) * 10, y: 5 + Math.floor(i / 8) * 10 },
        mountHeightM: 3,
        headingDeg: 90,
        tiltDeg: -20,
        hfovDeg: 90,
        rangeM: 15,
        publicSecurityArea: 'ENTRANCE',
        necessity: '覆盖商场通道人员进出,用于维护公共安全(集群测试)',
        placementRationale: '通道上方,朝向通道,不朝向任何禁止区域',
        installedByUnitId: unit.id,
        installedAt: today,
      },
      ACTOR,
    );
    ids.push(camera.id);
  }
  await services.signs.create(
    {
      siteId: site.id,
      location: '商场入口外侧',
      placementNote: '进入监控区域前可见',
      text: '您已进入视频监控区域 / CCTV in operation',
      languages: ['zh', 'en'],
      photoRef: 'cluster/sign-entrance.jpg',
      installedAt: today,
      cameraIds: ids,
    },
    ACTOR,
  );
  for (const id of ids) await services.cameras.activate(id, {}, ACTOR);
  return ids;
}
