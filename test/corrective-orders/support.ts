/** Shared fixtures of the corrective-order tests: an order body (O1 of REG-24-3) and a way to read answers at a date. */
import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';

export const SCAN = Buffer.from('%PDF-1.4 责令限期改正通知书 scan');
export const PHOTO = Buffer.from('\xff\xd8\xff\xe0 evidence photo of the filing receipt', 'latin1');

export function orderBody(siteId: string, overrides: Record<string, unknown> = {}) {
  return {
    reference: '杭公西(治)责改字〔2025〕001号',
    issuingOrgan: '杭州市公安局西湖区分局',
    issuedOn: '2025-07-05',
    articles: ['29'],
    limitDays: 15,
    siteIds: [siteId],
    items: [
      { text: '向县级公安机关办理备案', assignee: '李四', tasks: [{ kind: 'TEXT', text: '准备备案材料' }] },
      { text: '补充提示标识照片', dueDate: '2025-07-15' },
    ],
    scan: { fileName: '通知书.pdf', mediaType: 'application/pdf', contentBase64: SCAN.toString('base64') },
    ...overrides,
  };
}

export interface OrderJson {
  id: string;
  status: 'OPEN' | 'CLOSED';
  dueDate: string;
  closedAt: string | null;
  closedLate: boolean;
  scan: { id: string; sha256: string } | null;
  items: { id: string; status: string; overdue: boolean; evidence: { id: string; sha256: string; bytes: number }[] }[];
  deadline: { dueDate: string; deadline: string; daysLeft: number; overdue: boolean; dueOnRestDay: boolean; alerts: { kind: string; firesOn: string; fired: boolean }[] };
}

export async function recordOrder(t: TestApp, body: unknown, headers?: Record<string, string>): Promise<OrderJson> {
  const response = await t.call('POST', '/api/corrective-orders', body, headers);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<OrderJson>();
}

export async function getJson<T>(t: TestApp, url: string): Promise<T> {
  const response = await t.call('GET', url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
}

export const at = (instant: string) => `at=${encodeURIComponent(instant)}`;
