import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { cameraBody, created, seedSite } from '../support/fixtures.ts';

const CSV = 'vendor,model,affected,severity,fixedVersion,reference\nAcmeCam,X200,<5.7.3,critical,5.7.3,ACME-2025-001\n';
const csv = { 'content-type': 'text/csv' };

interface ImportBody {
  advisories: { advisoryId: string }[];
  tasks: { id: string; deviceId: string; dueDate: string; status: string }[];
  warnings: { code: string }[];
}
const json = { 'content-type': 'application/json' };

function csaf(overrides: Record<string, unknown> = {}) {
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: 'X300 远程代码执行漏洞',
      publisher: { category: 'vendor', name: 'AcmeCam', namespace: 'https://acme.example' },
      tracking: { id: 'ACME-SA-2025-07', status: 'final', version: '1', initial_release_date: '2025-05-30T00:00:00Z', current_release_date: '2025-05-30T00:00:00Z', revision_history: [] },
    },
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'AcmeCam',
          branches: [
            {
              category: 'product_name',
              name: 'X300',
              branches: [
                { category: 'product_version_range', name: 'vers:generic/>=2.0|<2.4.1', product: { product_id: 'P-AFF', name: 'AcmeCam X300 2.0 - 2.4.0' } },
                { category: 'product_version', name: '2.4.1', product: { product_id: 'P-FIX', name: 'AcmeCam X300 2.4.1' } },
              ],
            },
          ],
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2025-0001',
        product_status: { known_affected: ['P-AFF', 'P-GHOST'], fixed: ['P-FIX'] },
        scores: [{ products: ['P-AFF'], cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 7.5, baseSeverity: 'HIGH' } }],
      },
    ],
    ...overrides,
  };
}

describe.each(DIALECTS)('vulnerability advisories on %s', (dialect) => {
  let t: TestApp;
  let siteId: string;
  let cams: Record<string, string>;

  beforeEach(async () => {
    t = await openTestApp(dialect);
    const { unit, site } = await seedSite(t);
    siteId = site.id;
    cams = {};
    for (const [name, model, firmwareVersion] of [
      ['C1', 'X200', '5.7.1'],
      ['C2', 'x200', '5.7.2'],
      ['C3', 'X200', '5.7.3'],
      ['C4', 'X200', null],
      ['C5', 'X300', '2.3.9'],
    ] as const) {
      cams[name] = (await created<{ id: string }>(t, '/api/cameras', cameraBody(site.id, unit.id, { name, manufacturer: 'AcmeCam', model, firmwareVersion }))).id;
    }
  });
  afterEach(async () => {
    await t.close();
  });

  it('REG-12-2: X200 at 5.7.1 and 5.7.2 are affected, 5.7.3 is not; 2 tasks due import date + 7 days; SECURITY_ADMIN to be notified', async () => {
    const response = await t.call('POST', '/api/advisories/import', CSV, csv);
    expect(response.statusCode, response.body).toBe(201);
    const report = response.json<ImportBody>();
    expect(report.advisories).toEqual([
      expect.objectContaining({ reference: 'ACME-2025-001', created: true, affected: 2, tasksCreated: 2, undetermined: [{ kind: 'camera', id: cams.C4, reason: 'FIRMWARE_UNKNOWN' }] }),
    ]);
    expect(report.tasks.map((x) => x.deviceId).sort()).toEqual([cams.C1, cams.C2].sort());
    expect(report.tasks.every((x) => x.dueDate === '2025-06-08' && x.status === 'OPEN')).toBe(true);

    const id = report.advisories[0]!.advisoryId;
    const advisory = (await t.call('GET', `/api/advisories/${id}`)).json<{ affected: { name: string }[] }>();
    expect(advisory).toMatchObject({ severity: 'CRITICAL', notifyRole: 'SECURITY_ADMIN', notifiedAt: null, products: [{ vendor: 'AcmeCam', model: 'X200', affected: '<5.7.3', fixedVersion: '5.7.3' }] });
    expect(advisory.affected.map((a) => a.name).sort()).toEqual(['C1', 'C2']);
    expect((await t.call('GET', '/api/advisories')).json()).toHaveLength(1);

    const again = (await t.call('POST', '/api/advisories/import', CSV, csv)).json();
    expect(again.advisories[0]).toMatchObject({ advisoryId: id, created: false, affected: 2, tasksCreated: 0 });
    expect((await t.call('GET', '/api/remediation-tasks')).json()).toHaveLength(2);
  });

  it('REG-12-2: a CSAF 2.0 document is read from its product tree and scores; what it cannot place is a warning', async () => {
    const response = await t.call('POST', '/api/advisories/import', JSON.stringify(csaf()), json);
    expect(response.statusCode, response.body).toBe(201);
    const report = response.json<ImportBody>();
    expect(report.tasks).toEqual([expect.objectContaining({ deviceId: cams.C5, severity: 'HIGH', fixedVersion: '2.4.1', dueDate: '2025-07-01' })]);
    expect(report.warnings.map((w) => w.code)).toEqual(['W_CSAF_PRODUCT_UNREADABLE']);
    const advisory = (await t.call('GET', `/api/advisories/${report.advisories[0]!.advisoryId}`)).json();
    expect(advisory).toMatchObject({ source: 'CSAF', reference: 'ACME-SA-2025-07', cves: ['CVE-2025-0001'], title: 'X300 远程代码执行漏洞' });
  });

  it('REG-12-2: unreadable uploads are refused with a code and write nothing', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['{"document": ', json, 'E_ADVISORY_JSON'],
      [JSON.stringify(csaf({ document: { ...csaf().document, csaf_version: '1.2' } })), json, 'E_CSAF_VERSION'],
      [JSON.stringify(csaf({ vulnerabilities: [] })), json, 'E_CSAF_NO_PRODUCTS'],
      ['vendor,model,severity\nAcmeCam,X200,high\n', csv, 'E_CSV_HEADER'],
      ['vendor,model,affected,severity\nAcmeCam,X200,<5.7.3,urgent\n', csv, 'E_SEVERITY_UNKNOWN'],
      ['vendor,model,affected,severity\nAcmeCam,X200,before 5.7.3,high\n', csv, 'E_VERSION_RANGE'],
      ['vendor,model,affected,severity\n"AcmeCam,X200,<5.7.3,high\n', csv, 'E_CSV_SYNTAX'],
      ['   ', csv, 'E_ADVISORY_EMPTY'],
    ];
    for (const [body, headers, code] of cases) {
      const response = await t.call('POST', '/api/advisories/import', body, headers);
      expect(response.statusCode, body).toBe(422);
      expect(response.json().code, body).toBe(code);
      expect(response.json().messages.zh).toBeTruthy();
    }
    expect((await t.call('GET', '/api/advisories')).json()).toEqual([]);
    expect((await t.call('GET', '/api/history?entityType=remediationTask')).json()).toEqual([]);
  });

  it('REG-12-2: tasks move to MITIGATED or CLOSED only with evidence; CLOSED is final; every change is in the history', async () => {
    const [task] = (await t.call('POST', '/api/advisories/import', CSV, csv)).json().tasks as { id: string }[];
    const bare = await t.call('PATCH', `/api/remediation-tasks/${task!.id}`, { status: 'MITIGATED' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ code: 'E_REMEDIATION_EVIDENCE_REQUIRED', article: '12' });
    const mitigated = await t.call('PATCH', `/api/remediation-tasks/${task!.id}`, { status: 'MITIGATED', evidence: '已将摄像机隔离至独立 VLAN,工单 OPS-42' });
    expect(mitigated.json()).toMatchObject({ status: 'MITIGATED', resolvedAt: '2025-06-01T02:00:00.000Z', overdue: false });
    const closed = await t.call('PATCH', `/api/remediation-tasks/${task!.id}`, { status: 'CLOSED', evidence: '固件已升级至 5.7.3' });
    expect(closed.json().status).toBe('CLOSED');
    const after = await t.call('PATCH', `/api/remediation-tasks/${task!.id}`, { status: 'OPEN' });
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('E_REMEDIATION_CLOSED');
    const actions = (await t.call('GET', `/api/remediation-tasks/${task!.id}/history`)).json<{ action: string }[]>().map((h) => h.action);
    expect(actions).toEqual(['create', 'mitigated', 'closed']);
    expect((await t.call('PATCH', '/api/remediation-tasks/rem_nope', { status: 'CLOSED' })).statusCode).toBe(404);
  });

  it('REG-12-2: an OPEN task past its due date is a NONCOMPLIANT finding in the compliance report', async () => {
    const { tasks } = (await t.call('POST', '/api/advisories/import', CSV, csv)).json<ImportBody>();
    await t.call('PATCH', `/api/remediation-tasks/${tasks[1]!.id}`, { status: 'MITIGATED', evidence: '已断开外网访问并加固' });
    const overdueOf = async () => {
      const report = (await t.call('GET', '/api/compliance')).json<{ sites: { siteId: string; findings: { ruleId: string; severity: string; subject: { id: string } }[] }[] }>();
      return report.sites.find((s) => s.siteId === siteId)!.findings.filter((f) => f.ruleId === 'REG-12-2');
    };
    t.clock.set('2025-06-08T15:59:00Z'); // 23:59 on the due date in Beijing
    expect(await overdueOf()).toEqual([]);
    t.clock.set('2025-06-08T16:00:00Z'); // 2025-06-09 00:00 Beijing
    expect(await overdueOf()).toEqual([expect.objectContaining({ severity: 'NONCOMPLIANT', subject: expect.objectContaining({ id: tasks[0]!.deviceId }) })]);
    expect((await t.call('GET', '/api/remediation-tasks?overdue=true')).json()).toEqual([expect.objectContaining({ id: tasks[0]!.id, overdue: true })]);
  });
});
