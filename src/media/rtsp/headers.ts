/** RTSP header fields: names compared case-insensitively, repeated fields kept in order. */
export class RtspHeaders {
  private readonly fields = new Map<string, string[]>();

  static from(entries: Iterable<readonly [string, string]>): RtspHeaders {
    const headers = new RtspHeaders();
    for (const [name, value] of entries) headers.append(name, value);
    return headers;
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const values = this.fields.get(key);
    if (values) values.push(value);
    else this.fields.set(key, [value]);
  }

  /** The first value of the field, or undefined. */
  get(name: string): string | undefined {
    return this.fields.get(name.toLowerCase())?.[0];
  }

  getAll(name: string): string[] {
    return [...(this.fields.get(name.toLowerCase()) ?? [])];
  }

  has(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  /** Lower-cased names with every value, in arrival order of first appearance. */
  entries(): Array<[string, string[]]> {
    return [...this.fields].map(([name, values]) => [name, [...values]]);
  }
}

/** `Session: 12345678;timeout=60` → id and timeout in seconds (RFC 2326 §12.37; 60 s when absent). */
export function parseSessionHeader(value: string): { id: string; timeoutSec: number } {
  const [id = '', ...params] = value.split(';').map((part) => part.trim());
  let timeoutSec = 60;
  for (const param of params) {
    const match = /^timeout\s*=\s*(\d+)$/i.exec(param);
    if (match) timeoutSec = Number(match[1]);
  }
  return { id, timeoutSec: timeoutSec > 0 ? timeoutSec : 60 };
}

/** The parameters of a Transport header's first transport spec, lower-cased names. */
export function parseTransportHeader(value: string): Map<string, string> {
  const first = value.split(',')[0] ?? '';
  const params = new Map<string, string>();
  for (const part of first.split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name) params.set(name, eq < 0 ? '' : part.slice(eq + 1).trim());
  }
  return params;
}

/** `0-1` → [0, 1]; a single number n → [n, n + 1]. */
export function parsePortPair(value: string | undefined): [number, number] | undefined {
  const match = value === undefined ? null : /^(\d+)(?:-(\d+))?$/.exec(value);
  if (!match) return undefined;
  const first = Number(match[1]);
  return [first, match[2] === undefined ? first + 1 : Number(match[2])];
}
