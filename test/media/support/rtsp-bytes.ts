/** Builds the bytes of RTSP messages and interleaved frames for tests. */

export function responseBytes(status: number, reason: string, headers: Array<[string, string]> = [], body: Buffer | string = ''): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines = [`RTSP/1.0 ${status} ${reason}`, ...headers.map(([name, value]) => `${name}: ${value}`)];
  if (payload.length > 0) lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), payload]);
}

export function frameBytes(channel: number, payload: Buffer): Buffer {
  const head = Buffer.from([0x24, channel, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

/** Splits `data` at the given cut points (sorted, deduplicated, within bounds). */
export function splitAt(data: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(data.length, c))))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, data.length]) {
    if (point > from) chunks.push(data.subarray(from, point));
    from = point;
  }
  return chunks;
}
