/** RTSP URLs: credentials split off (they never go on the wire or into logs), control URLs resolved. */
import { Credentials } from './auth.ts';

export interface RtspTarget {
  /** The URL without user info: what requests carry and what logs may show. */
  url: string;
  host: string;
  port: number;
  credentials: Credentials | undefined;
}

export function parseRtspUrl(raw: string): RtspTarget {
  const parsed = new URL(raw);
  if (parsed.protocol !== 'rtsp:') throw new TypeError(`Not an rtsp:// URL: ${parsed.protocol}`);
  const credentials = parsed.username || parsed.password ? new Credentials(safeDecode(parsed.username), safeDecode(parsed.password)) : undefined;
  parsed.username = '';
  parsed.password = '';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { url: parsed.toString(), host, port: parsed.port ? Number(parsed.port) : 554, credentials };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Resolves an SDP a=control against the base (Content-Base, Content-Location or the request URL).
 * Relative controls are appended as a path segment, as cameras and ffmpeg/live555 expect
 * (`rtsp://cam/stream` + `trackID=1` → `rtsp://cam/stream/trackID=1`), not RFC 3986-merged.
 */
export function resolveControl(base: string, control: string | undefined): string {
  if (control === undefined || control === '' || control === '*') return base;
  if (/^rtsps?:\/\//i.test(control)) return control;
  return `${base.replace(/\/+$/, '')}/${control.replace(/^\/+/, '')}`;
}
