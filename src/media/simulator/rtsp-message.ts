/** RTSP/1.0 requests in (RFC 2326 §6), responses out, and the interleaved frames a client may send. */

export interface RtspRequest {
  method: string;
  uri: string;
  /** Header names in lower case. */
  headers: Map<string, string>;
  body: Buffer;
}

export type Incoming =
  | { kind: 'request'; request: RtspRequest; bytes: number }
  | { kind: 'interleaved'; channel: number; bytes: number }
  | { kind: 'incomplete' }
  | { kind: 'invalid'; reason: string };

const MAX_HEAD_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 64 * 1024;

/** The first message in `data`, if it is complete. */
export function readIncoming(data: Buffer): Incoming {
  if (data.length === 0) return { kind: 'incomplete' };
  if (data[0] === 0x24) {
    if (data.length < 4) return { kind: 'incomplete' };
    const bytes = 4 + data.readUInt16BE(2);
    return data.length < bytes ? { kind: 'incomplete' } : { kind: 'interleaved', channel: data[1]!, bytes };
  }
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return data.length > MAX_HEAD_BYTES ? { kind: 'invalid', reason: 'request head too long' } : { kind: 'incomplete' };
  const lines = data.toString('latin1', 0, end).split('\r\n');
  const [method, uri, version] = (lines[0] ?? '').split(' ');
  if (!method || !uri || !version?.startsWith('RTSP/')) return { kind: 'invalid', reason: 'bad request line' };
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { kind: 'invalid', reason: 'bad header line' };
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const length = Number(headers.get('content-length') ?? 0);
  if (!Number.isInteger(length) || length < 0 || length > MAX_BODY_BYTES) return { kind: 'invalid', reason: 'bad Content-Length' };
  const bytes = end + 4 + length;
  if (data.length < bytes) return { kind: 'incomplete' };
  return { kind: 'request', request: { method, uri, headers, body: data.subarray(end + 4, bytes) }, bytes };
}

export const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  459: 'Aggregate Operation Not Allowed',
  461: 'Unsupported Transport',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

export function formatResponse(status: number, headers: Record<string, string | number>, body?: string): Buffer {
  let head = `RTSP/1.0 ${status} ${REASONS[status] ?? 'Error'}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  if (body !== undefined) head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return Buffer.from(`${head}\r\n${body ?? ''}`, 'utf8');
}
