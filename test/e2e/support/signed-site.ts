/**
 * The set-up of the tests that stand under the demo site's sign: its county organ named, a filing received
 * with the given receipt number, the sign's public code read from its QR's URL, and the ledger's first
 * signed checkpoint awaited (the demo camera records).
 */
import { expect } from 'vitest';
import type { ApiSession } from './api.ts';

export interface FiledDemoSign {
  signId: string;
  siteId: string;
  unitId: string;
  adminDivisionCode: string;
  unitName: string;
  /** A READ-scoped bearer token header, for the downloads a browser would fetch. */
  bearer: Record<string, string>;
  code: string;
}

export async function fileDemoSiteAndReadSignCode(api: ApiSession, serverUrl: string, filing: { receiptNo: string; authority: string; checkpointWaitSeconds?: number }): Promise<FiledDemoSign> {
  const [sign] = await api.call<{ id: string; siteId: string }[]>('GET', '/api/signs');
  const site = await api.call<{ id: string; unitId: string; adminDivisionCode: string }>('GET', `/api/sites/${sign!.siteId}`);
  const unitName = (await api.call<{ name: string }>('GET', `/api/units/${site.unitId}`)).name;
  await api.call('PUT', `/api/filing-authorities/${site.adminDivisionCode}`, { name: filing.authority });
  const draft = await api.call<{ id: string }>('POST', `/api/sites/${site.id}/filings`);
  await api.call('POST', `/api/filings/${draft.id}/submit`, { responsiblePerson: '演示负责人' });
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await api.call('POST', `/api/filings/${draft.id}/record-receipt`, { receiptNo: filing.receiptNo, filedAt: today });

  const { token } = await api.call<{ token: string }>('POST', '/api/tokens', { name: 'e2e print', scopes: ['READ'] });
  const bearer = { authorization: `Bearer ${token}` };
  const qr = await fetch(`${serverUrl}/api/signs/${sign!.id}/qr.svg`, { headers: bearer });
  expect(qr.status).toBe(200);
  const code = /\/s\/([2-9A-Z]{10})$/.exec(qr.headers.get('x-sign-url') ?? '')?.[1] ?? '';
  expect(code).toMatch(/^[2-9A-Z]{10}$/);
  for (let i = 0; i < (filing.checkpointWaitSeconds ?? 60); i++) {
    const info = (await (await fetch(`${serverUrl}/api/public/signs/${code}`)).json()) as { ledger: { checkpoint: unknown } };
    if (info.ledger.checkpoint) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { signId: sign!.id, siteId: site.id, unitId: site.unitId, adminDivisionCode: site.adminDivisionCode, unitName, bearer, code };
}
