/** Helpers for the archive tests: uploads as raw bytes with metadata in the query, and a look at the data folder. */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.ts';

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

export function docMeta(overrides: Record<string, string> = {}): Record<string, string> {
  return { type: 'ACCEPTANCE', title: '竣工验收报告', authorUnit: '某安防工程验收组', effectiveDate: '2025-05-20', fileName: '验收报告.pdf', ...overrides };
}

function rawPost(t: TestApp, url: string, bytes: Buffer | string, query: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return t.call('POST', `${url}?${params.toString()}`, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), {
    'content-type': 'application/octet-stream',
    ...headers,
  });
}

export function uploadDoc(t: TestApp, siteId: string, bytes: Buffer | string, query: Record<string, string | string[]> = docMeta(), headers?: Record<string, string>): Promise<LightMyRequestResponse> {
  return rawPost(t, `/api/sites/${encodeURIComponent(siteId)}/archive`, bytes, query, headers);
}

export function uploadVersion(t: TestApp, docId: string, bytes: Buffer | string, query: Record<string, string | string[]>, headers?: Record<string, string>): Promise<LightMyRequestResponse> {
  return rawPost(t, `/api/archive/${encodeURIComponent(docId)}/versions`, bytes, query, headers);
}

/** Every file under a folder, as paths relative to it (temporary files included). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
}
