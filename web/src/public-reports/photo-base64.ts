/**
 * A photo chosen on a phone, ready to send: redrawn at most 1600 px on its longer side as JPEG (which
 * also drops its EXIF data, GPS included); the original bytes when the browser cannot draw it.
 */
const MAX_SIDE = 1600;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function redrawn(file: File): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function') return null;
  const bitmap = await createImageBitmap(file).catch(() => null);
  if (!bitmap) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
}

export async function photoBase64(file: File): Promise<string> {
  const blob = (await redrawn(file)) ?? file;
  return toBase64(new Uint8Array(await blob.arrayBuffer()));
}
