import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildFilingDataset, filingDatasetHash } from '../../src/policy/cn-order-799/filing/dataset.ts';
import { filingDataset, filingJsonSchemaText } from '../../src/policy/cn-order-799/filing/dataset-schema.ts';
import { canonicalJson } from '../../src/policy/cn-order-799/filing/canonical.ts';
import { NotFoundError } from '../../src/shared/errors.ts';
import { at, camera, inventory12, site, snapshot } from './fixtures.ts';

const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/filing.schema.json', import.meta.url));
const AT = at('2025-06-01T09:00:00');

describe('REG-14-1 filing dataset', () => {
  it('REG-14-1: FIXED×8, DOME×3, PTZ×1 at 30 days gives the acceptance dataset', () => {
    const d = buildFilingDataset(snapshot(), 'S1', AT);
    expect(d).toMatchObject({
      cameraTotal: 12,
      cameraByType: { FIXED: 8, DOME: 3, PTZ: 1 },
      storagePeriodDays: 30,
      unit: { uscc: '91330106MA2AB3C472', name: '杭州某商贸有限公司', legalRepresentative: '王五', contactName: '李四' },
      location: { adminDivisionCode: '330106', placeCategory: 'A7_2_1_GATHERING', latitude: 30.2741 },
      filingAuthority: '杭州市公安局西湖区分局',
      storagePeriodByCamera: null,
      extras: { systemName: '西湖商贸中心', putIntoUseDate: '2025-05-10', recorderCount: 2, networkedToPsb: false, entrustedOperator: null },
      deadline: { dueDate: '2025-06-09' },
      generatedAt: '2025-06-01T09:00:00+08:00',
    });
    expect(Object.keys(d.cameraByType).sort()).toEqual(['DOME', 'FIXED', 'PTZ']);
    expect(filingDataset.parse(d)).toEqual(d);
  });

  it('REG-14-1: counts cameras that are not DEACTIVATED (INACTIVE ones are installed and count)', () => {
    const cams = [...inventory12(), camera('C13', 'ANPR', { status: 'INACTIVE', activatedAt: null }), camera('C14', 'FIXED', { status: 'DEACTIVATED' })];
    const d = buildFilingDataset(snapshot({ cameras: cams }), 'S1', AT);
    expect(d.cameraTotal).toBe(13);
    expect(d.cameraByType).toEqual({ FIXED: 8, DOME: 3, PTZ: 1, ANPR: 1 });
  });

  it('REG-14-1: differing retention files the minimum and lists per-camera values; the site setting is kept too', () => {
    const cams = inventory12().map((c, i) => (i === 0 ? { ...c, retentionDays: 90 } : i === 1 ? { ...c, retentionDays: 45 } : c));
    const d = buildFilingDataset(snapshot({ cameras: cams, sites: [site({ storagePeriodDays: 60 })] }), 'S1', AT);
    expect(d.storagePeriodDays).toBe(30);
    expect(d.configuredStoragePeriodDays).toBe(60);
    expect(d.storagePeriodByCamera).toHaveLength(12);
    expect(d.storagePeriodByCamera?.[0]).toEqual({ cameraId: 'C01', cameraName: '摄像机 C01', retentionDays: 90 });
  });

  it('REG-05-1: the filing authority comes from the table keyed by the admin division code (null when absent)', () => {
    expect(buildFilingDataset(snapshot({ filingAuthorities: [] }), 'S1', AT).filingAuthority).toBeNull();
    const other = snapshot({ filingAuthorities: [{ adminDivisionCode: '330102', name: '杭州市公安局上城区分局' }, { adminDivisionCode: '330106', name: '杭州市公安局西湖区分局' }] });
    expect(buildFilingDataset(other, 'S1', AT).filingAuthority).toBe('杭州市公安局西湖区分局');
  });

  it('REG-14-5: provenance says where each field came from', () => {
    const d = buildFilingDataset(snapshot(), 'S1', AT);
    expect(d.provenance['unit.uscc']).toBe('MASTER_DATA');
    expect(d.provenance['location.address']).toBe('MASTER_DATA');
    expect(d.provenance.cameraTotal).toBe('INVENTORY');
    expect(d.provenance['cameraByType']).toBe('INVENTORY');
    expect(d.provenance.storagePeriodDays).toBe('INVENTORY');
    expect(d.provenance['extras.putIntoUseDate']).toBe('MASTER_DATA');
  });

  it('AMB-5: without a recorded put-into-use date, the first camera activation day is used and marked INVENTORY', () => {
    const cams = inventory12().map((c, i) => ({ ...c, activatedAt: i === 5 ? '2025-04-30T17:00:00.000Z' : '2025-05-20T01:00:00.000Z' }));
    const d = buildFilingDataset(snapshot({ cameras: cams, sites: [site({ putIntoUseDate: null })] }), 'S1', AT);
    expect(d.extras).toMatchObject({ putIntoUseDate: '2025-05-01', putIntoUseDateSource: 'FIRST_CAMERA_ACTIVATION' });
    expect(d.deadline?.dueDate).toBe('2025-06-03'); // 05-31 Sat, 06-01 Sun and 06-02 Dragon Boat roll to Tuesday
    expect(d.provenance['extras.putIntoUseDate']).toBe('INVENTORY');
  });

  it('REG-14-5: the hash is SHA-256 of the canonical JSON without sha256 and generatedAt', () => {
    const d = buildFilingDataset(snapshot(), 'S1', AT);
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(filingDatasetHash(d)).toBe(d.sha256);
    // Same registry at another time: same hash.
    expect(buildFilingDataset(snapshot(), 'S1', at('2025-06-20T10:00:00')).sha256).toBe(d.sha256);
    // Key order does not matter, content does.
    const reordered = Object.fromEntries(Object.entries(d).reverse());
    expect(filingDatasetHash(reordered)).toBe(d.sha256);
    expect(filingDatasetHash({ ...d, cameraTotal: 13 })).not.toBe(d.sha256);
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('throws NotFoundError for an unknown site', () => {
    expect(() => buildFilingDataset(snapshot(), 'NOPE', AT)).toThrow(NotFoundError);
  });
});

describe('REG-14-6 filing.schema.json', () => {
  it('REG-14-6: the committed schemas/filing.schema.json equals the generated one', () => {
    const generated = filingJsonSchemaText();
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SCHEMA_PATH, generated);
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(generated);
  });

  it('REG-14-6: a built dataset validates against it, and it requires the REG-14-1 fields', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['unit', 'location', 'cameraTotal', 'cameraByType', 'storagePeriodDays', 'extras', 'filingAuthority', 'provenance', 'sha256']));
    // Formats (date, date-time) are checked by the zod schema itself; ajv checks the structure.
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const d = buildFilingDataset(snapshot(), 'S1', AT);
    expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
    const { cameraTotal: _drop, ...missing } = d;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...d, cameraByType: { DRONE: 1 } })).toBe(false);
  });
});
