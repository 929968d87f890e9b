/** Raw-byte uploads (sign photos, archive files): the typed client sends JSON only. */
import { ApiError, csrfHeader } from '../api/client.ts';

export async function uploadFile<T>(path: string, file: Blob, contentType = file.type || 'application/octet-stream'): Promise<T> {
  const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': contentType, ...csrfHeader('POST') }, body: file });
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, (data ?? {}));
  return data as T;
}
