/** Files in and out of the state-organ pages: a scan read as base64, a PDF or bundle downloaded. */
import { ApiError } from '../../api/client.ts';
import { http } from '../../api/http.ts';
import { saveFile } from '../../evidence/bundle-files.ts';

export interface ScanFile {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

/** The file as the API takes it (base64 in JSON). */
export function readScan(file: File): Promise<ScanFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve({ fileName: file.name, contentType: file.type || 'application/octet-stream', contentBase64: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

async function blobOf(answer: Promise<{ data?: Blob; error?: unknown; response: Response }>): Promise<{ blob: Blob; response: Response }> {
  const { data, error, response } = await answer;
  if (!response.ok || !data) throw new ApiError(response.status, error ?? {});
  return { blob: data, response };
}

/** Opens the printable receipt in a new tab (and keeps a copy in the downloads when the tab is blocked). */
export async function openReceipt(id: string, hid: string): Promise<void> {
  const { blob } = await blobOf(http.GET('/api/state-organ-requests/{id}/handovers/{hid}/receipt', { params: { path: { id, hid } }, parseAs: 'blob' }));
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
  if (!window.open(url, '_blank')) saveFile(blob, `receipt-${hid}.pdf`);
}

export async function downloadBundle(id: string, hid: string): Promise<void> {
  const { blob, response } = await blobOf(http.GET('/api/state-organ-requests/{id}/handovers/{hid}/bundle', { params: { path: { id, hid } }, parseAs: 'blob' }));
  saveFile(blob, /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${hid}.tar`);
}

export async function downloadScan(id: string, docId: string, fileName: string): Promise<void> {
  const { blob } = await blobOf(http.GET('/api/state-organ-requests/{id}/documents/{docId}', { params: { path: { id, docId } }, parseAs: 'blob' }));
  saveFile(blob, fileName);
}
