/** The bundle's bytes in and out of the browser: download as a file, send back to be verified. */
import { ApiError, csrfHeader } from '../api/client.ts';
import { http } from '../api/http.ts';
import type { Verification } from './BundleVerification.tsx';

export interface DownloadedBundle {
  blob: Blob;
  fileName: string;
  sha256: string | null;
}

/** Carries out the approved export (once) and returns the bundle; the register entry is written before the first byte. */
export async function fetchBundle(exportRequestId: string): Promise<DownloadedBundle> {
  const { data, error, response } = await http.POST('/api/exports/bundle', { body: { exportRequestId }, parseAs: 'blob' });
  if (!response.ok || !data) throw new ApiError(response.status, error ?? {});
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${exportRequestId}.tar`;
  return { blob: data, fileName, sha256: response.headers.get('x-custos-sha256') };
}

/** Hands the bundle to the browser's downloads. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Sends a bundle file to the server's verifier (binary upload: the one place the typed client cannot serve). */
export async function verifyBundleFile(file: Blob): Promise<Verification> {
  const response = await fetch('/api/exports/verify', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream', ...csrfHeader('POST') }, body: file });
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw new ApiError(response.status, (data ?? {}));
  return data as Verification;
}
