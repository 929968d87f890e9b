/**
 * How registering cameras and reading the compliance report scale with the size of a system.
 * Registers cameras one by one into one site on SQLite (in memory) and reports the time per
 * registration at several sizes, and the time of a full compliance report at the largest size.
 *
 *   npm run bench:registry            # prints one JSON line
 *   BENCH_SIZES=100,500 npm run bench:registry
 */
import { performance } from 'node:perf_hooks';
import { createServices } from '../src/app/services.ts';
import { connectDatabase, migrateToLatest } from '../src/db/connect.ts';
import { fixedClock } from '../src/shared/clock.ts';

const sizes = (process.env.BENCH_SIZES ?? '100,250,500').split(',').map(Number);
const actor = { name: 'bench' };

const db = connectDatabase('sqlite::memory:');
await migrateToLatest(db);
const services = createServices(db.db, fixedClock('2025-06-01T02:00:00Z'));
const unit = await services.units.create({ name: '基准单位', unitType: 'ENTERPRISE', uscc: '91330106MA2AB3C472' }, actor);
const site = await services.sites.create(
  { unitId: unit.id, name: '基准商场', adminDivisionCode: '330106', placeCategory: 'A7_2_1_GATHERING', putIntoUseDate: '2025-05-10' },
  actor,
);
for (let i = 0; i < 20; i++) {
  await services.zones.create(
    {
      siteId: site.id,
      zoneType: 'Z8_3_TOILET',
      name: `卫生间${i}`,
      polygon: [
        { x: i * 50, y: -20 },
        { x: i * 50 + 10, y: -20 },
        { x: i * 50 + 10, y: -10 },
        { x: i * 50, y: -10 },
      ],
      openings: [{ from: { x: i * 50 + 4, y: -10 }, to: { x: i * 50 + 6, y: -10 } }],
    },
    actor,
  );
}

let count = 0;
const perCameraMs: Record<string, number> = {};
for (const size of sizes) {
  const batch = Math.min(20, size - count);
  while (count < size - batch) await addCamera();
  const start = performance.now();
  for (let i = 0; i < batch; i++) await addCamera();
  perCameraMs[size] = Number(((performance.now() - start) / batch).toFixed(2));
}

const reportStart = performance.now();
const report = await services.compliance.report();
const reportMs = Number((performance.now() - reportStart).toFixed(1));

console.log(
  JSON.stringify({
    bench: 'registry-writes',
    dialect: 'sqlite',
    zones: 20,
    cameraRegisterMsAtSize: perCameraMs,
    complianceReportMs: reportMs,
    cameras: count,
    findings: Object.values(report.counts).reduce((a, b) => a + b, 0),
  }),
);
await db.close();

async function addCamera(): Promise<void> {
  count += 1;
  await services.cameras.create(
    {
      siteId: site.id,
      name: `C${count}`,
      deviceType: 'FIXED',
      position: { x: (count % 40) * 25, y: 10 + Math.floor(count / 40) * 10 },
      mountHeightM: 3,
      headingDeg: 90,
      tiltDeg: -20,
      hfovDeg: 90,
      rangeM: 15,
      publicSecurityArea: 'CORRIDOR',
      necessity: '覆盖商场公共通道人员往来,维护公共安全',
      placementRationale: '通道上方',
      installedByUnitId: unit.id,
      installedAt: '2025-05-01',
    },
    actor,
  );
}
